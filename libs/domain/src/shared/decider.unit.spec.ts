import { fold } from './decider';

type CounterEvent = { type: 'Added'; amount: number } | { type: 'Reset' };

const counter = {
  initialState: () => 0,
  evolve: (state: number, event: CounterEvent) => (event.type === 'Added' ? state + event.amount : 0),
};

describe('fold', () => {
  it('starts from the initial state when there are no events', () => {
    expect(fold(counter, [])).toBe(0);
  });

  it('applies events in order', () => {
    const events: CounterEvent[] = [
      { type: 'Added', amount: 2 },
      { type: 'Reset' },
      { type: 'Added', amount: 5 },
    ];

    expect(fold(counter, events)).toBe(5);
  });
});
