import { v5 as uuidV5 } from 'uuid';

/** Fixed namespace: the same symbol always gets the same asset id, in every process. */
const ASSET_NAMESPACE = '6f1c3c8e-2f55-5b8e-9a4e-7d0c1b2a3e4f';

/**
 * There is no asset registry yet: Alpaca's `asset_id` is a UUID derived from the symbol (UUIDv5),
 * stable everywhere, and `exchange` the primary listing of the simulated symbols ('' otherwise).
 */
export function assetIdOf(symbol: string): string {
  return uuidV5(symbol, ASSET_NAMESPACE);
}

const LISTING_EXCHANGES: Readonly<Record<string, string>> = Object.freeze({
  AAPL: 'NASDAQ',
  MSFT: 'NASDAQ',
  QQQ: 'NASDAQ',
  GOOGL: 'NASDAQ',
  AMZN: 'NASDAQ',
  TSLA: 'NASDAQ',
  NVDA: 'NASDAQ',
  SPY: 'ARCA',
  'BRK.B': 'NYSE',
});

export function exchangeOf(symbol: string): string {
  return Object.prototype.hasOwnProperty.call(LISTING_EXCHANGES, symbol) ? (LISTING_EXCHANGES[symbol] ?? '') : '';
}
