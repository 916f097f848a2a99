/** The latest quote known for a symbol, as the read side keeps it. Prices are exact decimal strings. */
export interface Quote {
  readonly symbol: string;
  readonly bidPrice: string;
  readonly bidSize: number;
  readonly askPrice: string;
  readonly askSize: number;
  readonly source: string;
  /** ISO-8601 UTC time of the quote (the envelope's `occurredAt`). */
  readonly quotedAt: string;
}
