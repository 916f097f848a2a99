import { AVG_PRICE_DECIMALS, DecimalString, IsoTime, isOpen, Order, OrderStatus, VenueStatus } from '@trading/domain';
import { compare, formatted, minus, plus, quotient, scaled, ScaledDecimal, times, ZERO } from './scaled-decimal';

/** One fill event's execution, as the domain's `fill` hands it to `applyFill` and `settleFill`. */
export interface ExactFill {
  readonly executionId: string;
  readonly qty: DecimalString;
  readonly price: DecimalString;
}

const money = (value: ScaledDecimal): DecimalString => formatted(value, 2);
const quantity = (value: ScaledDecimal): DecimalString => formatted(value, 0);

type OrderDraft = { -readonly [K in keyof Order]: Order[K] };

/**
 * A copy of the order, fields in `createOrder`'s order, to set fields on before it is shared:
 * spreading an order and overriding fields costs microseconds on Node 20's V8, a literal of one
 * shape and stores into it do not.
 */
function draftOf(order: Order): OrderDraft {
  return {
    symbol: order.symbol, side: order.side, type: order.type, timeInForce: order.timeInForce, qty: order.qty, notional: order.notional,
    limitPrice: order.limitPrice, stopPrice: order.stopPrice, orderId: order.orderId, clientOrderId: order.clientOrderId,
    status: order.status, venueStatus: order.venueStatus, cancelPending: order.cancelPending, filledQty: order.filledQty,
    filledNotional: order.filledNotional, filledAvgPrice: order.filledAvgPrice, executionIds: order.executionIds,
    reservedCash: order.reservedCash, risk: order.risk, replaces: order.replaces, replacedBy: order.replacedBy,
    submittedAt: order.submittedAt, updatedAt: order.updatedAt,
  };
}

const ORDER_FIELDS: readonly (keyof Order)[] = [
  'symbol', 'side', 'type', 'timeInForce', 'qty', 'notional', 'limitPrice', 'stopPrice', 'orderId', 'clientOrderId', 'status', 'venueStatus',
  'cancelPending', 'filledQty', 'filledNotional', 'filledAvgPrice', 'executionIds', 'reservedCash', 'risk', 'replaces', 'replacedBy',
  'submittedAt', 'updatedAt',
];

/** Exactly the fields `draftOf` copies, in its order: only such an order may be rebuilt by it. */
export function hasOrderFieldsOnly(order: Order): boolean {
  const keys = Object.keys(order);
  return keys.length === ORDER_FIELDS.length && keys.every((key, index) => key === ORDER_FIELDS[index]);
}

/** `openStatus` of the domain's state machine. */
function openStatusOf(order: Order, venueStatus: VenueStatus | null, filledQty: ScaledDecimal): OrderStatus {
  if (order.cancelPending) return 'pending_cancel';
  if (order.replacedBy !== null) return 'pending_replace';
  if (filledQty.units > 0) return 'partially_filled';
  return venueStatus ?? 'pending_new';
}

/**
 * `acknowledge` of the domain's state machine; null where it refuses (evolve then throws). The
 * order must satisfy `hasOrderFieldsOnly`.
 */
export function acknowledgedOrder(order: Order, venueStatus: VenueStatus, at: IsoTime): Order | null {
  if (!isOpen(order.status) || order.venueStatus === 'new' || order.venueStatus === venueStatus) return null;
  const next = draftOf(order);
  next.venueStatus = venueStatus;
  next.status = openStatusOf(order, venueStatus, scaled(order.filledQty));
  next.updatedAt = at;
  return next;
}

/**
 * `applyFill` of the domain on an order satisfying `hasOrderFieldsOnly`; null where it refuses.
 * Throws `OutsideExactRange` where the scaled decimals cannot promise decimal.js's result.
 */
export function filledOrder(order: Order, fill: ExactFill, final: boolean, at: IsoTime): Order | null {
  if (!isOpen(order.status)) return null;
  const fillQty = scaled(fill.qty);
  const filledQty = plus(scaled(order.filledQty), fillQty);
  const orderQty = order.qty !== null ? scaled(order.qty) : null;
  if (orderQty !== null && compare(filledQty, orderQty) > 0) return null;
  const filledNotional = plus(scaled(order.filledNotional), times(fillQty, scaled(fill.price)));
  const complete = orderQty !== null ? compare(filledQty, orderQty) === 0 : final;
  const next = draftOf(order);
  next.filledQty = quantity(filledQty);
  next.filledNotional = money(filledNotional);
  next.filledAvgPrice = money(quotient(filledNotional, filledQty, AVG_PRICE_DECIMALS));
  next.executionIds = [...order.executionIds, fill.executionId];
  next.updatedAt = at;
  if (complete) {
    next.status = 'filled';
    next.cancelPending = false;
    next.reservedCash = '0.00';
    return next;
  }
  next.status = openStatusOf(order, order.venueStatus, filledQty);
  // remainingReservation reads the reservation even for a sell: unreadable, the domain would throw
  const held = scaled(order.reservedCash);
  if (order.side === 'sell') next.reservedCash = '0.00';
  else {
    const needed =
      order.notional !== null
        ? maxOf(minus(scaled(order.notional), filledNotional), ZERO)
        : times(minus(scaled(order.qty ?? '0'), filledQty), scaled(order.risk.reservePrice ?? '0'));
    next.reservedCash = money(compare(held, needed) < 0 ? held : needed);
  }
  return next;
}

function maxOf(a: ScaledDecimal, b: ScaledDecimal): ScaledDecimal {
  return compare(a, b) > 0 ? a : b;
}

/** `settleFill` of the domain: the account's cash and the symbol's position quantity after the fill. */
export function settledFill(
  cash: DecimalString,
  positionQty: DecimalString | undefined,
  order: Order,
  fill: ExactFill,
): { readonly cash: DecimalString; readonly positionQty: DecimalString } {
  const qty = scaled(fill.qty);
  const value = times(qty, scaled(fill.price));
  const position = scaled(positionQty ?? '0');
  const buy = order.side === 'buy';
  return {
    cash: money(buy ? minus(scaled(cash), value) : plus(scaled(cash), value)),
    positionQty: quantity(buy ? plus(position, qty) : minus(position, qty)),
  };
}
