import { LatestQuotes } from '../quotes/latest-quotes.port';
import { Quote } from '../quotes/quote';

/**
 * The latest quote per symbol. The last one recorded wins: records arrive in log order, the same
 * order compaction keeps, so every process agrees on "latest" with what the topic will retain.
 */
export class QuoteBook implements LatestQuotes {
  private readonly quotes = new Map<string, Quote>();

  record(quote: Quote): void {
    this.quotes.set(quote.symbol, quote);
  }

  latest(symbol: string): Quote | undefined {
    return this.quotes.get(symbol);
  }

  /** A quote stamped ahead of `now` (clock skew between hosts) counts as fresh. */
  isFresh(symbol: string, maxAgeMs: number, now: Date): boolean {
    const quote = this.quotes.get(symbol);
    return quote !== undefined && now.getTime() - Date.parse(quote.quotedAt) <= maxAgeMs;
  }
}
