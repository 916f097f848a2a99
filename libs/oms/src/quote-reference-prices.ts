import { dec, formatMoney, ReferencePrice } from '@trading/domain';
import { LatestQuotes } from '@trading/market-data';
import { ReferencePriceSource } from './reference-price.port';

/** The reference price of a symbol is the mid of its latest quote, exact to the cent. */
export class QuoteReferencePrices implements ReferencePriceSource {
  constructor(private readonly quotes: LatestQuotes) {}

  latest(symbol: string): ReferencePrice | null {
    const quote = this.quotes.latest(symbol);
    if (!quote) return null;
    const mid = dec(quote.bidPrice).plus(dec(quote.askPrice)).dividedBy(2);
    return { symbol: quote.symbol, price: formatMoney(mid), at: quote.quotedAt, source: `${quote.source}:mid` };
  }
}
