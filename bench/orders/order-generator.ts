import { Quote } from '../system/all-in-one.process';

/**
 * Limit buy orders that pass pre-trade risk with the benchmark's limits: 0.1 % to 2.5 % under the
 * mid of the latest quote (well inside the 10 % collar, and a buy below the market never needs a
 * fill to stay valid), 1 to 37 shares. Quantity, price, symbol and client_order_id vary with the
 * index, so no two orders of a run are alike.
 */
export class OrderGenerator {
  private readonly symbols: readonly string[];

  constructor(
    private readonly runId: string,
    private readonly mids: ReadonlyMap<string, number>,
  ) {
    this.symbols = [...mids.keys()];
  }

  body(sequence: number): Readonly<Record<string, string>> {
    const symbol = this.symbols[sequence % this.symbols.length] ?? 'AAPL';
    const mid = this.mids.get(symbol) ?? 100;
    const discount = 0.001 * (1 + (sequence % 25)); // 0.1 % .. 2.5 %
    const qty = 1 + (Math.floor(sequence / this.symbols.length) % 37);
    return {
      symbol,
      side: 'buy',
      type: 'limit',
      time_in_force: 'day',
      qty: String(qty),
      limit_price: (mid * (1 - discount)).toFixed(2),
      client_order_id: `${this.runId}-${sequence}`,
    };
  }
}

export function midOf(quote: Quote): number {
  return (quote.bp + quote.ap) / 2;
}
