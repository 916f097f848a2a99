import { DecimalString, dec, formatMoney, formatPrice, formatQty, maxDec, minDec } from '../decimal';
import { IsoTime } from '../shared/iso-time';
import { Checked, accept, refusal, refuse } from '../shared/refusal';
import { Order } from './order';
import { isOpen } from './order-status';
import { openStatus } from './order-state-machine';

/** One execution as the broker reported it; `executionId` is unique per broker execution. */
export interface Fill {
  readonly executionId: string;
  readonly qty: DecimalString;
  readonly price: DecimalString;
}

/** `filled_avg_price` = exact filled notional / filled qty, rounded half-even to this many places. */
export const AVG_PRICE_DECIMALS = 9;

export function hasExecution(order: Order, executionId: string): boolean {
  return order.executionIds.includes(executionId);
}

/**
 * Applies one fill. A quantity order is filled when its filled quantity reaches its quantity,
 * whatever the broker called the report; a notional order (quantity unknown up front) is filled
 * when the broker says `fill`. Filling past the quantity is refused (an overfill is an incident,
 * not a state). The cash still held for a buy shrinks to what the open remainder needs.
 */
export function applyFill(order: Order, fill: Fill, final: boolean, at: IsoTime): Checked<Order> {
  if (!isOpen(order.status)) {
    return refuse(
      refusal('ORDER.INVALID_TRANSITION', `Order ${order.orderId} is ${order.status}: cannot be filled`, {
        details: { orderId: order.orderId, status: order.status, executionId: fill.executionId },
      }),
    );
  }
  const filledQty = dec(order.filledQty).plus(fill.qty);
  if (order.qty !== null && filledQty.gt(order.qty)) {
    return refuse(
      refusal('EXECUTION.OVERFILL', `Fill ${fill.executionId} of ${fill.qty} would fill ${formatQty(filledQty)} of an order for ${order.qty}`, {
        details: { orderId: order.orderId, executionId: fill.executionId, qty: order.qty, filledQty: order.filledQty, fillQty: fill.qty },
      }),
    );
  }
  const filledNotional = dec(order.filledNotional).plus(dec(fill.qty).times(fill.price));
  const complete = order.qty !== null ? filledQty.eq(order.qty) : final;
  const next: Order = {
    ...order,
    filledQty: formatQty(filledQty),
    filledNotional: formatMoney(filledNotional),
    filledAvgPrice: formatPrice(filledNotional.div(filledQty).toDecimalPlaces(AVG_PRICE_DECIMALS)),
    executionIds: [...order.executionIds, fill.executionId],
    updatedAt: at,
  };
  if (complete) return accept({ ...next, status: 'filled', cancelPending: false, reservedCash: '0.00' });
  return accept({ ...next, status: openStatus(next), reservedCash: remainingReservation(next) });
}

function remainingReservation(order: Order): DecimalString {
  const held = dec(order.reservedCash);
  if (order.side === 'sell') return '0.00';
  const needed =
    order.notional !== null
      ? maxDec(dec(order.notional).minus(order.filledNotional), dec('0'))
      : dec(order.qty ?? '0').minus(order.filledQty).times(order.risk.reservePrice ?? '0');
  return formatMoney(minDec(held, needed));
}
