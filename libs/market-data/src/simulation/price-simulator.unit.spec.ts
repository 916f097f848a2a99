import fc from 'fast-check';
import { MAX_SIZE, MAX_SPREAD_CENTS, SimulationState, initialSimulation, nextQuotes } from './price-simulator';
import { QuoteUpdatedPayload } from '../quotes/quote-updated.message';
import { SIMULATED_SYMBOLS } from './simulated-symbols';

function run(state: SimulationState, steps: number): QuoteUpdatedPayload[][] {
  const rounds: QuoteUpdatedPayload[][] = [];
  for (let i = 0; i < steps; i++) {
    const step = nextQuotes(state);
    rounds.push([...step.quotes]);
    state = step.state;
  }
  return rounds;
}

const cents = (price: string): number => {
  const [whole = '', fraction = ''] = price.split('.');
  return Number(whole) * 100 + Number(fraction);
};

const TWO_DECIMALS = /^[1-9]\d*\.\d{2}$/;

function isSound(quote: QuoteUpdatedPayload, startCents: number): boolean {
  const bid = cents(quote.bidPrice);
  const spread = cents(quote.askPrice) - bid;
  const size = (n: number) => Number.isInteger(n) && n >= 1 && n <= MAX_SIZE;
  return (
    TWO_DECIMALS.test(quote.bidPrice) &&
    TWO_DECIMALS.test(quote.askPrice) &&
    bid > 0 &&
    spread >= 1 &&
    spread <= MAX_SPREAD_CENTS &&
    bid >= Math.floor((startCents * 4) / 5) &&
    bid <= Math.ceil((startCents * 6) / 5) &&
    size(quote.bidSize) &&
    size(quote.askSize)
  );
}

describe('price simulator', () => {
  it('quotes the documented symbols, at least AAPL, MSFT and SPY, in the order given', () => {
    const [round] = run(initialSimulation(SIMULATED_SYMBOLS, 1), 1);

    expect(round?.map((q) => q.symbol)).toEqual(SIMULATED_SYMBOLS.map((s) => s.symbol));
    expect(round?.map((q) => q.symbol)).toEqual(expect.arrayContaining(['AAPL', 'MSFT', 'SPY']));
  });

  it('replays the same quotes from the same seed', () => {
    const first = run(initialSimulation(SIMULATED_SYMBOLS, 42), 300);
    const second = run(initialSimulation(SIMULATED_SYMBOLS, 42), 300);

    expect(second).toEqual(first);
  });

  it('walks differently from another seed', () => {
    const one = run(initialSimulation(SIMULATED_SYMBOLS, 42), 20);
    const other = run(initialSimulation(SIMULATED_SYMBOLS, 43), 20);

    expect(other).not.toEqual(one);
  });

  it('never changes the state it is given', () => {
    const start = initialSimulation(SIMULATED_SYMBOLS, 7);
    const copy = structuredClone(start);

    nextQuotes(start);

    expect(start).toEqual(copy);
  });

  it('keeps every quote positive, in whole cents, bid below ask and within 20% of the start', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 400 }), (seed, steps) => {
        const broken = run(initialSimulation(SIMULATED_SYMBOLS, seed), steps)
          .flat()
          .filter((quote, i) => !isSound(quote, cents(SIMULATED_SYMBOLS[i % SIMULATED_SYMBOLS.length]?.startPrice ?? '')));
        expect(broken).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('moves each bid by at most a few ticks a step', () => {
    const rounds = run(initialSimulation(SIMULATED_SYMBOLS, 3), 500);
    const aapl = rounds.map((round) => cents(round[0]?.bidPrice ?? 'missing'));

    const moves = aapl.slice(1).map((bid, i) => Math.abs(bid - (aapl[i] ?? bid)));

    // AAPL starts at 190.00: at most 0.05% of that, 10 cents, per step
    expect(Math.max(...moves)).toBeLessThanOrEqual(10);
    expect(new Set(aapl).size).toBeGreaterThan(10);
  });
});
