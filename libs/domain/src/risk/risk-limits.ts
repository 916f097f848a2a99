import { DecimalString } from '../decimal';

/** Per-account pre-trade limits. Decimals are strings; durations are milliseconds. */
export interface RiskLimits {
  /** Largest quantity of one order (notional orders: estimated at the reference price). */
  readonly maxOrderQty: DecimalString;
  /** Largest value of one order: qty x (limit, stop or reference price), or its notional. */
  readonly maxOrderNotional: DecimalString;
  /** Largest position per symbol, counting open orders on the same side, in shares. */
  readonly maxPositionQty: DecimalString;
  readonly maxOpenOrders: number;
  /** At most `maxOrdersPerWindow` orders (placements and replacements) per rolling window. */
  readonly maxOrdersPerWindow: number;
  readonly orderRateWindowMs: number;
  /** A limit price further than this percentage from the reference price is refused. */
  readonly priceCollarPct: DecimalString;
  /** A reference price older than this is not used: the order is refused (fail closed). */
  readonly maxReferencePriceAgeMs: number;
  /** Same side, symbol, quantity and prices within this window is a duplicate; 0 turns it off. */
  readonly duplicateOrderWindowMs: number;
  readonly restrictedSymbols: readonly string[];
}

/**
 * Limits of a new account unless the admin says otherwise. Sized for a retail account of about
 * $100,000; the order rate matches Alpaca's own API limit of 200 requests a minute.
 */
const NO_SYMBOLS: readonly string[] = Object.freeze([]);

export const DEFAULT_RISK_LIMITS: RiskLimits = Object.freeze({
  maxOrderQty: '10000',
  maxOrderNotional: '100000',
  maxPositionQty: '50000',
  maxOpenOrders: 100,
  maxOrdersPerWindow: 200,
  orderRateWindowMs: 60_000,
  priceCollarPct: '10',
  maxReferencePriceAgeMs: 30_000,
  duplicateOrderWindowMs: 1_000,
  restrictedSymbols: NO_SYMBOLS,
});

export type RiskLimitsPatch = Partial<RiskLimits>;

export const RISK_LIMIT_KEYS = Object.keys(DEFAULT_RISK_LIMITS) as readonly (keyof RiskLimits)[];
