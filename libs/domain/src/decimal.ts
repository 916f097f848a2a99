import Decimal from 'decimal.js';

/**
 * Exact decimal arithmetic for money and quantities. The domain bounds every input (digits and
 * decimals), so with 64 significant digits sums and products never round; only division rounds,
 * and only where a rule says how (average prices, notional-to-quantity estimates).
 */
export const Dec = Decimal.clone({
  precision: 64,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -64,
  toExpPos: 64,
});
export type Dec = InstanceType<typeof Dec>;

/** A decimal written as Alpaca writes it on the wire: plain notation, no exponent, no `+`. */
export type DecimalString = string;

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

export interface DecimalBounds {
  /** Most digits allowed after the point. */
  readonly maxDecimals: number;
  /** `positive` refuses zero; `non-negative` accepts it. */
  readonly sign: 'positive' | 'non-negative';
  /** Largest value accepted (inclusive). */
  readonly max: DecimalString;
}

export type DecimalParse =
  | { readonly ok: true; readonly value: Dec }
  | { readonly ok: false; readonly problem: string };

/** Parses untrusted text into an exact decimal within bounds, or says what is wrong with it. */
export function parseDecimal(text: string | null | undefined, bounds: DecimalBounds): DecimalParse {
  if (text === null || text === undefined || text === '') return { ok: false, problem: 'is required' };
  if (text.length > 64 || !PLAIN_DECIMAL.test(text)) {
    return { ok: false, problem: `"${text.slice(0, 64)}" is not a plain decimal number` };
  }
  const value = new Dec(text);
  if (bounds.sign === 'positive' ? value.lte(0) : value.lt(0)) {
    return { ok: false, problem: bounds.sign === 'positive' ? 'must be greater than 0' : 'must not be negative' };
  }
  if (value.decimalPlaces() > bounds.maxDecimals) {
    return { ok: false, problem: `must have at most ${bounds.maxDecimals} decimal places` };
  }
  if (value.gt(bounds.max)) return { ok: false, problem: `must be at most ${bounds.max}` };
  return { ok: true, value };
}

/** Reads a decimal the domain itself wrote; anything else is a bug, not bad input. */
export function dec(value: DecimalString | Dec): Dec {
  return value instanceof Dec ? value : new Dec(value);
}

/** Plain notation with at least `minDecimals` digits after the point; never `-0`. */
export function formatDecimal(value: Dec, minDecimals = 0): DecimalString {
  const normalized = value.isZero() ? new Dec(0) : value;
  const places = Math.max(normalized.decimalPlaces(), minDecimals);
  return normalized.toFixed(places);
}

/** Money and prices as Alpaca shows them: at least two decimals (`150.00`, `100.1666`). */
export function formatMoney(value: Dec): DecimalString {
  return formatDecimal(value, 2);
}

export const formatPrice = formatMoney;

/** Quantities as Alpaca shows them: no padding (`15`, `0.25`). */
export function formatQty(value: Dec): DecimalString {
  return formatDecimal(value, 0);
}

export function minDec(a: Dec, b: Dec): Dec {
  return a.lt(b) ? a : b;
}

export function maxDec(a: Dec, b: Dec): Dec {
  return a.gt(b) ? a : b;
}
