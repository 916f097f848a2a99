import { accountOpened, at, orderPlaced } from '../testing/account-book.fixtures';
import { accountBookDecider } from './account-book.decider';
import { AccountBookEvent } from './account-book.events';
import { AccountBookState } from './account-book.state';

const foldEvents = (events: readonly AccountBookEvent[]): AccountBookState =>
  events.reduce((state, event) => accountBookDecider.evolve(state, event), accountBookDecider.initialState());

const recentIds = (state: AccountBookState): string[] => (state.status === 'open' ? state.recentOrders.map((recent) => recent.orderId) : []);

/** Order-rate window 10 s, duplicate-order window 1 s: the book remembers orders of the last 10 s. */
const opened = accountOpened({ limits: { orderRateWindowMs: 10_000, duplicateOrderWindowMs: 1_000 } });

describe('the recent orders an account book remembers', () => {
  it('forgets an order once the longest window has passed since it was placed, and keeps the ones within it', () => {
    const state = foldEvents([
      opened,
      orderPlaced('o-1', {}, { at: at(0) }),
      orderPlaced('o-2', {}, { at: at(5) }),
      orderPlaced('o-3', {}, { at: at(10) }),
      orderPlaced('o-4', {}, { at: at(12.5) }),
    ]);

    expect(recentIds(state)).toEqual(['o-2', 'o-3', 'o-4']);
  });

  it('compares times by instant whatever ISO form they were written in', () => {
    const state = foldEvents([
      opened,
      orderPlaced('o-1', {}, { at: '2024-05-01T14:00:01Z' }),
      orderPlaced('o-2', {}, { at: '2024-05-01T14:00:04.5Z' }),
      orderPlaced('o-3', {}, { at: '2024-05-01T14:00:11.000000001Z' }),
      orderPlaced('o-4', {}, { at: at(14.5) }),
    ]);

    // at 14:00:14.500 the window starts at 14:00:04.500, exclusive
    expect(recentIds(state)).toEqual(['o-3', 'o-4']);
  });

  it('forgets an expired order even behind a later one stamped out of time order', () => {
    const state = foldEvents([opened, orderPlaced('o-1', {}, { at: at(5) }), orderPlaced('o-2', {}, { at: at(1) }), orderPlaced('o-3', {}, { at: at(12) })]);

    expect(recentIds(state)).toEqual(['o-1', 'o-3']);
  });
});
