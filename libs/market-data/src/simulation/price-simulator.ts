import { QuoteUpdatedPayload } from '../quotes/quote-updated.message';
import { SIMULATED_SOURCE, SimulatedSymbol } from './simulated-symbols';
import { nextInt, seedState } from './mulberry32';

/**
 * A bounded random walk of bid prices in whole cents (ticks of 0.01), with an ask a few cents
 * above. Pure: the state carries the generator, so the same seed gives the same quotes.
 */
export interface SimulationState {
  readonly random: number;
  readonly books: readonly SimulatedBook[];
}

interface SimulatedBook {
  readonly symbol: string;
  readonly floorCents: number;
  readonly ceilingCents: number;
  /** Largest move in one step: about 0.05% of the start price, at least one tick. */
  readonly maxStepCents: number;
  readonly bidCents: number;
}

export interface SimulationStep {
  readonly state: SimulationState;
  readonly quotes: readonly QuoteUpdatedPayload[];
}

export const MAX_SPREAD_CENTS = 5;
export const MAX_SIZE = 10;

export function initialSimulation(symbols: readonly SimulatedSymbol[], seed: number): SimulationState {
  return {
    random: seedState(seed),
    books: symbols.map(({ symbol, startPrice }) => {
      const start = toCents(startPrice);
      return {
        symbol,
        floorCents: Math.max(1, Math.floor((start * 4) / 5)),
        ceilingCents: Math.ceil((start * 6) / 5),
        maxStepCents: Math.max(1, Math.round(start / 2000)),
        bidCents: start,
      };
    }),
  };
}

/** Moves every symbol one step and quotes it. */
export function nextQuotes(state: SimulationState): SimulationStep {
  let random = state.random;
  const draw = (min: number, max: number): number => {
    const result = nextInt(random, min, max);
    random = result.state;
    return result.value;
  };
  const books: SimulatedBook[] = [];
  const quotes: QuoteUpdatedPayload[] = [];
  for (const book of state.books) {
    const bidCents = reflect(book.bidCents + draw(-book.maxStepCents, book.maxStepCents), book);
    const askCents = bidCents + draw(1, MAX_SPREAD_CENTS);
    books.push({ ...book, bidCents });
    quotes.push({
      symbol: book.symbol,
      bidPrice: formatCents(bidCents),
      bidSize: draw(1, MAX_SIZE),
      askPrice: formatCents(askCents),
      askSize: draw(1, MAX_SIZE),
      source: SIMULATED_SOURCE,
    });
  }
  return { state: { random, books }, quotes };
}

/** A step past a bound bounces back off it, so the walk neither escapes nor sticks to the edge. */
function reflect(cents: number, { floorCents, ceilingCents }: SimulatedBook): number {
  if (cents < floorCents) return Math.min(ceilingCents, 2 * floorCents - cents);
  if (cents > ceilingCents) return Math.max(floorCents, 2 * ceilingCents - cents);
  return cents;
}

function toCents(price: string): number {
  const match = /^(\d+)\.(\d{2})$/.exec(price);
  if (!match) throw new Error(`start price ${price} must have exactly two decimals`);
  return Number(match[1]) * 100 + Number(match[2]);
}

function formatCents(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
