import { dec } from '../decimal';
import { IsoTime } from '../shared/iso-time';
import { Checked, accept, refusal, refuse } from '../shared/refusal';
import { Order } from './order';
import { OrderStatus, VenueStatus, isOpen } from './order-status';

/**
 * The order state machine. An open order's status is derived from what is pending on it, in this
 * precedence: a cancel request (`pending_cancel`), a replace request (`pending_replace`), fills
 * (`partially_filled`), the broker's acknowledgement (`accepted` / `new`), else `pending_new`.
 * Terminal statuses (`filled`, `canceled`, `expired`, `replaced`, `rejected`) never change again.
 * Each transition returns the next order or a refusal; decide and evolve share these functions,
 * so what was decided is exactly what replay rebuilds.
 */
export function openStatus(order: Order): OrderStatus {
  if (order.cancelPending) return 'pending_cancel';
  if (order.replacedBy !== null) return 'pending_replace';
  if (dec(order.filledQty).gt(0)) return 'partially_filled';
  return order.venueStatus ?? 'pending_new';
}

type Transition = Checked<Order>;

const invalid = (order: Order, action: string): Transition =>
  refuse(
    refusal('ORDER.INVALID_TRANSITION', `Order ${order.orderId} is ${order.status}: cannot ${action}`, {
      details: { orderId: order.orderId, status: order.status },
    }),
  );

const settle = (order: Order, at: IsoTime): Order => ({ ...order, status: openStatus(order), updatedAt: at });

const finish = (order: Order, status: OrderStatus, at: IsoTime): Order => ({
  ...order,
  status,
  cancelPending: false,
  reservedCash: '0.00',
  updatedAt: at,
});

export function acknowledge(order: Order, venueStatus: VenueStatus, at: IsoTime): Transition {
  if (!isOpen(order.status) || order.venueStatus === 'new' || order.venueStatus === venueStatus) {
    return invalid(order, `be acknowledged as ${venueStatus}`);
  }
  return accept(settle({ ...order, venueStatus }, at));
}

export function requestCancel(order: Order, at: IsoTime): Transition {
  if (!isOpen(order.status) || order.cancelPending) {
    return refuse(
      refusal('ORDER.NOT_CANCELABLE', `Order ${order.orderId} is ${order.status} and cannot be canceled`, {
        details: { orderId: order.orderId, status: order.status },
      }),
    );
  }
  return accept(settle({ ...order, cancelPending: true }, at));
}

/** The broker refused a cancel: the order keeps working. */
export function rejectCancel(order: Order, at: IsoTime): Transition {
  if (!isOpen(order.status) || !order.cancelPending) return invalid(order, 'have its cancel rejected');
  return accept(settle({ ...order, cancelPending: false }, at));
}

export function cancel(order: Order, at: IsoTime): Transition {
  return isOpen(order.status) ? accept(finish(order, 'canceled', at)) : invalid(order, 'be canceled');
}

export function expire(order: Order, at: IsoTime): Transition {
  return isOpen(order.status) ? accept(finish(order, 'expired', at)) : invalid(order, 'expire');
}

/** The broker refused an order it never worked: no fills, never acknowledged as `new`. */
export function rejectByBroker(order: Order, at: IsoTime): Transition {
  if (!isOpen(order.status) || order.venueStatus === 'new' || dec(order.filledQty).gt(0)) {
    return invalid(order, 'be rejected by the broker');
  }
  return accept(finish(order, 'rejected', at));
}

/** Only an order the broker has acknowledged, with nothing else pending, can be replaced. */
export function requestReplace(order: Order, replacementOrderId: string, at: IsoTime): Transition {
  const replaceable = ['accepted', 'new', 'partially_filled'].includes(order.status) && order.venueStatus !== null;
  if (!replaceable) {
    return refuse(
      refusal('ORDER.NOT_REPLACEABLE', `Order ${order.orderId} is ${order.status} and cannot be replaced`, {
        details: { orderId: order.orderId, status: order.status },
      }),
    );
  }
  return accept(settle({ ...order, replacedBy: replacementOrderId }, at));
}

export function completeReplace(order: Order, replacementOrderId: string, at: IsoTime): Transition {
  if (!isOpen(order.status)) return invalid(order, 'be replaced');
  if (order.replacedBy !== replacementOrderId) {
    return refuse(
      refusal(
        'EXECUTION.REPLACEMENT_MISMATCH',
        `Order ${order.orderId} is not being replaced by ${replacementOrderId}`,
        { details: { orderId: order.orderId, replacementOrderId, replacedBy: order.replacedBy } },
      ),
    );
  }
  return accept(finish(order, 'replaced', at));
}

/** The replacement died before the broker replaced this order: it keeps working as it was. */
export function abandonReplace(order: Order, replacementOrderId: string, at: IsoTime): Transition {
  if (!isOpen(order.status) || order.replacedBy !== replacementOrderId) return invalid(order, 'abandon its replace');
  return accept(settle({ ...order, replacedBy: null }, at));
}
