import { DecimalBounds } from '../decimal';

/** Bounds of what an order may say at all (Alpaca: fractional quantities to 9 decimals). */
export const QTY_BOUNDS: DecimalBounds = { maxDecimals: 9, sign: 'positive', max: '1000000000' };
export const NOTIONAL_BOUNDS: DecimalBounds = { maxDecimals: 2, sign: 'positive', max: '1000000000000' };
export const PRICE_BOUNDS: DecimalBounds = { maxDecimals: 4, sign: 'positive', max: '1000000000' };
/** Execution prices may be sub-penny (midpoint fills), so they get more room than order prices. */
export const FILL_PRICE_BOUNDS: DecimalBounds = { maxDecimals: 9, sign: 'positive', max: '1000000000' };
/** Alpaca: prices of $1 and more take at most two decimals, below $1 at most four. */
export const MAX_DECIMALS_AT_OR_ABOVE_ONE_DOLLAR = 2;

const SYMBOL = /^[A-Z][A-Z0-9]{0,9}(?:[./][A-Z0-9]{1,10})?$/;
const CLIENT_ORDER_ID = /^[\x21-\x7E]{1,128}$/;

/** Symbols are compared upper-case (`aapl` is `AAPL`); `BRK.B` and `BTC/USD` are symbols too. */
export function normalizeSymbol(text: string): string | null {
  const upper = text.toUpperCase();
  return SYMBOL.test(upper) ? upper : null;
}

export function isClientOrderId(text: string): boolean {
  return CLIENT_ORDER_ID.test(text);
}
