import { CodedError } from '@trading/domain';
import { SIMULATED_SYMBOLS, SimulatedSymbol } from './simulation/simulated-symbols';

/** Settings of `MarketDataModule.forRoot`; every one has a default for a local run. */
export interface MarketDataOptions {
  /** Which of `SIMULATED_SYMBOLS` to publish; all of them by default. */
  readonly symbols?: readonly string[];
  /** Seed of the simulated walk; the same seed publishes the same prices. Default 1. */
  readonly seed?: number;
  /** Milliseconds between two rounds of quotes (one per symbol). Default 1000. */
  readonly intervalMs?: number;
  /** False in processes that only read quotes. Default true. */
  readonly publish?: boolean;
}

export interface ResolvedMarketDataOptions {
  readonly symbols: readonly SimulatedSymbol[];
  readonly seed: number;
  readonly intervalMs: number;
  readonly publish: boolean;
}

export const MARKET_DATA_OPTIONS = Symbol('MARKET_DATA_OPTIONS');

export const DEFAULT_SEED = 1;
export const DEFAULT_INTERVAL_MS = 1000;

export class InvalidMarketDataOptionsError extends CodedError {
  readonly code = 'MARKET_DATA.INVALID_OPTIONS';
}

export function resolveMarketDataOptions(options: MarketDataOptions = {}): ResolvedMarketDataOptions {
  const seed = options.seed ?? DEFAULT_SEED;
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const problems: string[] = [];
  if (!Number.isSafeInteger(seed)) problems.push(`seed must be an integer, not ${seed}`);
  if (!Number.isSafeInteger(intervalMs) || intervalMs < 10) {
    problems.push(`intervalMs must be an integer of at least 10, not ${intervalMs}`);
  }
  const wanted = options.symbols ?? SIMULATED_SYMBOLS.map((s) => s.symbol);
  const unknown = wanted.filter((symbol) => !SIMULATED_SYMBOLS.some((s) => s.symbol === symbol));
  if (unknown.length > 0) {
    problems.push(
      `no simulation for ${unknown.join(', ')} (known: ${SIMULATED_SYMBOLS.map((s) => s.symbol).join(', ')})`,
    );
  }
  if (wanted.length === 0) problems.push('symbols must name at least one symbol');
  if (problems.length > 0) {
    throw new InvalidMarketDataOptionsError(`Invalid market-data options: ${problems.join('; ')}`, { problems });
  }
  return Object.freeze({
    symbols: Object.freeze(SIMULATED_SYMBOLS.filter((s) => wanted.includes(s.symbol))),
    seed,
    intervalMs,
    publish: options.publish ?? true,
  });
}
