import { Dec, DecimalString, dec, formatMoney, formatPrice, formatQty } from '../decimal';
import { QTY_BOUNDS } from '../orders/order-limits';
import { OrderSpec } from '../orders/order-spec';
import { ReferencePrice } from './reference-price';

/**
 * The numbers the risk rules and the reservation work with. A field is null when it needs a
 * reference price the OMS does not have; the rules then refuse (fail closed).
 */
export interface OrderEstimate {
  /** Price per share: the limit price, else the stop price, else the reference price. */
  readonly unitPrice: DecimalString | null;
  /** Shares: the order's quantity, or its notional / unit price rounded up. */
  readonly qty: DecimalString | null;
  /** Value: the order's notional, or qty x unit price. */
  readonly notional: DecimalString | null;
  /**
   * Cash held per open share of a buy by quantity: the limit price; for market and stop buys the
   * reference (or stop) price plus the price collar, since the fill price is not known up front.
   */
  readonly reservePrice: DecimalString | null;
  /** Cash a buy holds while open (a notional buy holds its notional); zero for sells. */
  readonly reservedCash: DecimalString | null;
}

/** The reference price, if it is for this symbol and a usable number. */
export function referenceFor(order: OrderSpec, reference: ReferencePrice | null): Dec | null {
  if (reference === null || reference.symbol !== order.symbol) return null;
  const price = /^\d+(\.\d+)?$/.test(reference.price) ? new Dec(reference.price) : null;
  return price !== null && price.gt(0) ? price : null;
}

export function estimateOrder(order: OrderSpec, reference: ReferencePrice | null, priceCollarPct: DecimalString): OrderEstimate {
  const ref = referenceFor(order, reference);
  const unitPrice = order.limitPrice !== null ? dec(order.limitPrice) : order.stopPrice !== null ? dec(order.stopPrice) : ref;
  const qty =
    order.qty !== null
      ? dec(order.qty)
      : unitPrice && dec(order.notional ?? '0').div(unitPrice).toDecimalPlaces(QTY_BOUNDS.maxDecimals, Dec.ROUND_UP);
  const notional = order.notional !== null ? dec(order.notional) : qty && unitPrice && qty.times(unitPrice);
  const reservePrice = buyReservePrice(order, ref, priceCollarPct);
  const reservedCash =
    order.side === 'sell' ? new Dec(0) : order.notional !== null ? dec(order.notional) : qty && reservePrice && qty.times(reservePrice);
  return {
    unitPrice: unitPrice ? formatPrice(unitPrice) : null,
    qty: qty ? formatQty(qty) : null,
    notional: notional ? formatMoney(notional) : null,
    reservePrice: reservePrice ? formatPrice(reservePrice) : null,
    reservedCash: reservedCash ? formatMoney(reservedCash) : null,
  };
}

function buyReservePrice(order: OrderSpec, ref: Dec | null, priceCollarPct: DecimalString): Dec | null {
  if (order.side === 'sell' || order.notional !== null) return null;
  if (order.limitPrice !== null) return dec(order.limitPrice);
  const base = order.stopPrice !== null ? dec(order.stopPrice) : ref;
  return base && base.times(dec(priceCollarPct).div(100).plus(1));
}
