import { ACCOUNT_BOOK_EVENT_VERSIONS, AccountBookEvent, AccountBookEventType, ORDER_CHANGING_EVENTS } from '@trading/domain';
import { EventEnvelope } from '@trading/messaging';

export type AccountEventEnvelope = EventEnvelope<AccountBookEventType, AccountBookEvent>;

export { ORDER_CHANGING_EVENTS };

/** Account-book events only: the topic also carries the per-partition global kill switch. */
export function isAccountEvent(envelope: EventEnvelope): envelope is AccountEventEnvelope {
  return Object.prototype.hasOwnProperty.call(ACCOUNT_BOOK_EVENT_VERSIONS, envelope.type);
}

/** Whether the event can give a trade update: it changes orders, or refuses a new one. */
export function concernsOrders(event: AccountBookEvent): boolean {
  return ORDER_CHANGING_EVENTS.has(event.type) || event.type === 'OrderRejected';
}

/** The orders an event names: its order and, for a replace, the replacement. */
export function orderIdsOf(event: AccountBookEvent): readonly string[] {
  const fields = event as { orderId?: unknown; replacementOrderId?: unknown };
  return [fields.orderId, fields.replacementOrderId].filter((id): id is string => typeof id === 'string' && id.length > 0);
}

/**
 * The orders an event brings into being, or refuses to: no earlier event named them, so Redis
 * cannot hold them, and a notifier that knows the account needs no read to learn that.
 */
export function createdOrderIdsOf(event: AccountBookEvent): readonly string[] {
  switch (event.type) {
    case 'OrderPlaced':
    case 'OrderRejected':
      return [event.orderId];
    case 'OrderReplaceRequested':
    case 'ReplaceRejected':
      return [event.replacementOrderId];
    default:
      return [];
  }
}
