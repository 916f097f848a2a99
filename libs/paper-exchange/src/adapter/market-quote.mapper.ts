import { Dec } from '@trading/domain';
import type { Quote } from '@trading/market-data';
import { MarketQuote } from '../venue/market-quote';

/** The read side's quote (decimal-string prices, integer sizes) as the venue trades against it. */
export function toMarketQuote(quote: Quote): MarketQuote {
  return {
    symbol: quote.symbol,
    bidPrice: new Dec(quote.bidPrice),
    bidSize: new Dec(quote.bidSize),
    askPrice: new Dec(quote.askPrice),
    askSize: new Dec(quote.askSize),
    at: quote.quotedAt,
  };
}

/** Quotes equal in every field are one quote: applying it again must not refresh its liquidity. */
export const quoteIdentity = (quote: Quote): string =>
  [quote.quotedAt, quote.bidPrice, quote.bidSize, quote.askPrice, quote.askSize].join('|');
