import { Order, createOrder } from '../orders/order';
import { applyFill } from '../orders/order-fill';
import { isOpen } from '../orders/order-status';
import {
  abandonReplace,
  acknowledge,
  cancel,
  completeReplace,
  expire,
  rejectByBroker,
  rejectCancel,
  requestCancel,
  requestReplace,
} from '../orders/order-state-machine';
import { RecentOrder } from '../risk/recent-order';
import { epochMs } from '../shared/iso-time';
import { withEntry, withoutEntry } from '../shared/records';
import { Checked } from '../shared/refusal';
import { InconsistentEventError, UnknownEventError } from './account-book.errors';
import { AccountBookEvent } from './account-book.events';
import { OpenAccountBook } from './account-book.state';
import { OrderPlaced, OrderReplaceRequested } from './events/order-decision.events';
import { OrderFilled, OrderPartiallyFilled } from './events/execution.events';
import { withOrderChange } from './open-order-totals';
import { settleFill } from './settlement';

/** `2024-05-01T13:30:00.000Z`: what `Date.prototype.toISOString` gives for years 0 to 9999. */
const FIXED_ISO_LENGTH = 24;

type OrderEvent = Exclude<
  AccountBookEvent,
  { type: 'AccountOpened' | 'RiskLimitsSet' | 'TradingStateSet' | 'CommandRejected' | 'OrderRejected' | 'CancelRejected' | 'ReplaceRejected' | 'ExecutionReportRejected' | 'CancelAllOrdersRequested' }
>;

/** Folds an order event into the book through the same state machine decide used. */
export function evolveOrderEvent(book: OpenAccountBook, event: OrderEvent): OpenAccountBook {
  switch (event.type) {
    case 'OrderPlaced':
      return addOrder(book, event, null);
    case 'OrderReplaceRequested': {
      const replacing = transition(book, event.orderId, event, (order) => requestReplace(order, event.replacementOrderId, event.at));
      return addOrder(replacing, event, event.orderId);
    }
    case 'OrderCancelRequested':
      return transition(book, event.orderId, event, (order) => requestCancel(order, event.at));
    case 'OrderAcknowledged':
      return transition(book, event.orderId, event, (order) => acknowledge(order, event.venueStatus, event.at));
    case 'OrderPartiallyFilled':
    case 'OrderFilled':
      return fill(book, event, event.type === 'OrderFilled');
    case 'OrderCanceled':
      return transition(book, event.orderId, event, (order) => cancel(order, event.at));
    case 'OrderCancelRejectedByBroker':
      return transition(book, event.orderId, event, (order) => rejectCancel(order, event.at));
    case 'OrderExpired':
      return transition(book, event.orderId, event, (order) => expire(order, event.at));
    case 'OrderRejectedByBroker':
      return transition(book, event.orderId, event, (order) => rejectByBroker(order, event.at));
    case 'OrderReplaced': {
      const replaced = transition(book, event.orderId, event, (order) => completeReplace(order, event.replacementOrderId, event.at));
      const replacement = requireOrder(replaced, event.replacementOrderId, event);
      if (replacement.venueStatus !== null || !isOpen(replacement.status)) return replaced;
      // the broker accepting the replacement in the old order's place is its acknowledgement
      return transition(replaced, replacement.orderId, event, (order) => acknowledge(order, 'new', event.at));
    }
    case 'OrderReplaceAbandoned':
      return transition(book, event.orderId, event, (order) => abandonReplace(order, event.replacementOrderId, event.at));
    default: {
      const unknown: never = event;
      throw new UnknownEventError(`Unknown order event ${(unknown as { type: string }).type}`);
    }
  }
}

function addOrder(book: OpenAccountBook, event: OrderPlaced | OrderReplaceRequested, replaces: string | null): OpenAccountBook {
  const orderId = event.type === 'OrderPlaced' ? event.orderId : event.replacementOrderId;
  if (book.orders.get(orderId)) throw new InconsistentEventError(`Order ${orderId} already exists`, { event: event.type, orderId });
  const order = createOrder({ orderId, clientOrderId: event.clientOrderId, spec: event.order, risk: event.risk, replaces, at: event.at });
  const windowMs = Math.max(book.limits.orderRateWindowMs, book.limits.duplicateOrderWindowMs);
  const since = epochMs(event.at) - windowMs;
  const { symbol, side, qty, notional, limitPrice, stopPrice } = event.order;
  return {
    ...book,
    orders: book.orders.set(orderId, order),
    openTotals: withOrderChange(book.openTotals, undefined, order),
    clientOrderIds: book.clientOrderIds.set(event.clientOrderId, orderId),
    recentOrders: [
      ...withinWindow(book.recentOrders, since),
      { orderId, at: event.at, symbol, side, qty, notional, limitPrice, stopPrice },
    ],
  };
}

/**
 * The recent orders placed after `since` (ms). Times the OMS stamps are all of the one fixed ISO
 * form, whose text order is time order: comparing text spares parsing every order of the window
 * at every order. Any other form is parsed.
 */
function withinWindow(recent: readonly RecentOrder[], since: number): readonly RecentOrder[] {
  const sinceText = new Date(since).toISOString();
  const fixed = sinceText.length === FIXED_ISO_LENGTH;
  return recent.filter(({ at }) => (fixed && at.length === FIXED_ISO_LENGTH ? at > sinceText : epochMs(at) > since));
}

function fill(book: OpenAccountBook, event: OrderFilled | OrderPartiallyFilled, final: boolean): OpenAccountBook {
  const order = requireOrder(book, event.orderId, event);
  const fillData = { executionId: event.executionId, qty: event.qty, price: event.price };
  const next = applyFill(order, fillData, final, event.at);
  if (!next.ok || next.value.status !== event.status) {
    throw new InconsistentEventError(`Fill ${event.executionId} cannot apply to order ${order.orderId}`, {
      orderId: order.orderId,
      status: order.status,
      expected: event.status,
    });
  }
  const settled = settleFill(book, order, fillData);
  const positions =
    settled.positionQty === '0'
      ? withoutEntry(book.positions, order.symbol)
      : withEntry(book.positions, order.symbol, settled.positionQty);
  return {
    ...book,
    cash: settled.cash,
    positions,
    orders: book.orders.set(order.orderId, next.value),
    openTotals: withOrderChange(book.openTotals, order, next.value),
  };
}

function transition(
  book: OpenAccountBook,
  orderId: string,
  event: AccountBookEvent,
  step: (order: Order) => Checked<Order>,
): OpenAccountBook {
  const order = requireOrder(book, orderId, event);
  const next = step(order);
  if (!next.ok) {
    throw new InconsistentEventError(`${event.type} cannot apply to order ${orderId}: ${next.refusals[0].message}`, {
      event: event.type,
      orderId,
    });
  }
  return { ...book, orders: book.orders.set(orderId, next.value), openTotals: withOrderChange(book.openTotals, order, next.value) };
}

function requireOrder(book: OpenAccountBook, orderId: string, event: AccountBookEvent): Order {
  const order = book.orders.get(orderId);
  if (!order) throw new InconsistentEventError(`${event.type} for unknown order ${orderId}`, { event: event.type, orderId });
  return order;
}
