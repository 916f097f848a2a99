import { Quote } from './quote';

/** What readers of the latest quotes depend on (the risk engine, the HTTP endpoint). */
export interface LatestQuotes {
  latest(symbol: string): Quote | undefined;
  /** True when a quote exists and is at most `maxAgeMs` old at `now`. */
  isFresh(symbol: string, maxAgeMs: number, now: Date): boolean;
}

export const LATEST_QUOTES = Symbol('LATEST_QUOTES');
