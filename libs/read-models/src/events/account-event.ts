import { ACCOUNT_BOOK_EVENT_VERSIONS, AccountBookEvent, AccountBookEventType } from '@trading/domain';
import { EventEnvelope } from '@trading/messaging';

/** An account-book event as it travels on the order-events topic. */
export type AccountEventEnvelope = EventEnvelope<AccountBookEventType, AccountBookEvent>;

/** The stream the OMS appends an account's events to. */
export const accountStreamId = (accountId: string): string => `account-${accountId}`;

/** Account-book events only: the topic also carries the per-partition global kill switch. */
export function isAccountEvent(envelope: EventEnvelope): envelope is AccountEventEnvelope {
  return Object.prototype.hasOwnProperty.call(ACCOUNT_BOOK_EVENT_VERSIONS, envelope.type);
}

/** Every order an event concerns: its order, the replacement, the orders of a cancel-all. */
export function orderIdsOf(event: AccountBookEvent): readonly string[] {
  const fields = event as { orderId?: unknown; replacementOrderId?: unknown; orderIds?: unknown };
  const ids = [fields.orderId, fields.replacementOrderId, ...(Array.isArray(fields.orderIds) ? (fields.orderIds as unknown[]) : [])];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id.length > 0))];
}
