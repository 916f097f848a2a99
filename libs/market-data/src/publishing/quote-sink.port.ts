import { QuoteUpdatedPayload } from '../quotes/quote-updated.message';

/** Where rounds of quotes go; the port the publishing schedule depends on. */
export interface QuoteSink {
  publish(quotes: readonly QuoteUpdatedPayload[]): Promise<void>;
}

export const QUOTE_SINK = Symbol('QUOTE_SINK');
