import { DecimalString } from '@trading/domain';

/** What an account's open orders hold: the cash they reserve and the quantity per symbol and side. */
export interface OpenOrderHolds {
  /** Sum of `reserved_cash` over the open orders: what the OMS subtracts from cash for buying power. */
  readonly reservedCash: DecimalString;
  /** Quantity still open (estimated quantity minus fills) per symbol, by side. */
  readonly openQty: ReadonlyMap<string, { readonly buy: DecimalString; readonly sell: DecimalString }>;
}
