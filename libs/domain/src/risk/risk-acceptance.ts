import { DecimalString } from '../decimal';
import { ReferencePrice } from './reference-price';
import { TradingState } from './trading-state';

/**
 * What an accepted order passed risk with, recorded in its event so replay never asks the outside
 * world again: the limit-set version, the reference price, and the cash and exposure it holds.
 */
export interface RiskAcceptance {
  readonly limitSetVersion: number;
  readonly referencePrice: ReferencePrice | null;
  readonly tradingState: TradingState;
  readonly estimatedNotional: DecimalString;
  /** Quantity the order adds to its side's exposure (estimated for notional orders). */
  readonly exposureQty: DecimalString;
  /** Cash held per unit still open (buys by quantity); null for notional buys and sells. */
  readonly reservePrice: DecimalString | null;
  readonly reservedCash: DecimalString;
}
