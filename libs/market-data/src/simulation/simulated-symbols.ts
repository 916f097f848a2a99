/**
 * The symbols the local price simulator quotes, with the bid each starts from. Prices are round
 * figures near recent levels, not live data; every walk stays within ±20% of its start.
 */
export interface SimulatedSymbol {
  readonly symbol: string;
  /** Decimal string with two decimals. */
  readonly startPrice: string;
}

export const SIMULATED_SYMBOLS: readonly SimulatedSymbol[] = Object.freeze([
  { symbol: 'AAPL', startPrice: '190.00' },
  { symbol: 'MSFT', startPrice: '410.00' },
  { symbol: 'SPY', startPrice: '520.00' },
  { symbol: 'QQQ', startPrice: '440.00' },
  { symbol: 'GOOGL', startPrice: '170.00' },
  { symbol: 'AMZN', startPrice: '180.00' },
  { symbol: 'TSLA', startPrice: '175.00' },
  { symbol: 'NVDA', startPrice: '120.00' },
  { symbol: 'BRK.B', startPrice: '410.00' },
]);

export const SIMULATED_SOURCE = 'simulated';
