import { Quote } from '../quotes/quote';

/** `GET /v2/stocks/{symbol}/quotes/latest` as Alpaca's market-data API answers it. */
export interface AlpacaLatestQuoteResponse {
  readonly symbol: string;
  readonly quote: AlpacaQuote;
}

export interface AlpacaQuote {
  /** RFC 3339 time of the quote. */
  readonly t: string;
  readonly bp: number;
  readonly bs: number;
  readonly ap: number;
  readonly as: number;
  /** Exchange codes, conditions and tape: empty, the quotes are simulated. */
  readonly bx: string;
  readonly ax: string;
  readonly c: readonly string[];
  readonly z: string;
}

/** Alpaca's market-data API sends prices as JSON numbers; this edge is the only place they become one. */
export function toAlpacaLatestQuote(quote: Quote): AlpacaLatestQuoteResponse {
  return {
    symbol: quote.symbol,
    quote: {
      t: quote.quotedAt,
      bp: Number(quote.bidPrice),
      bs: quote.bidSize,
      ap: Number(quote.askPrice),
      as: quote.askSize,
      bx: '',
      ax: '',
      c: [],
      z: '',
    },
  };
}
