import { FillEventFields } from '@trading/domain';
import type { OrderEventRowEntity, OrderFillRowEntity } from '@trading/persistence';
import { AccountEventEnvelope } from '../events/account-event';

export type OrderFillRow = { -readonly [K in keyof OrderFillRowEntity]: OrderFillRowEntity[K] };
export type OrderEventRow = { -readonly [K in keyof OrderEventRowEntity]: OrderEventRowEntity[K] };

/** `venue` and `executedAt` arrived with fill events v2; older payloads may lack them. */
type FillPayload = Omit<FillEventFields, 'venue' | 'executedAt'> & Partial<Pick<FillEventFields, 'venue' | 'executedAt'>>;

export function toFillRow(envelope: AccountEventEnvelope, fill: FillPayload): OrderFillRow {
  return {
    executionId: fill.executionId,
    orderId: fill.orderId,
    accountId: envelope.accountId,
    symbol: fill.symbol,
    side: fill.side,
    qty: fill.qty,
    price: fill.price,
    venue: fill.venue ?? null,
    executedAt: fill.executedAt ? new Date(fill.executedAt) : null,
    recordedAt: new Date(fill.at),
    streamId: envelope.streamId,
    seq: String(envelope.seq),
  };
}

export function toOrderEventRow(envelope: AccountEventEnvelope, orderId: string): OrderEventRow {
  return {
    orderId,
    accountId: envelope.accountId,
    streamId: envelope.streamId,
    seq: String(envelope.seq),
    eventId: envelope.eventId,
    type: envelope.type,
    schemaVersion: envelope.schemaVersion,
    occurredAt: new Date(envelope.occurredAt),
    correlationId: envelope.correlationId,
    causationId: envelope.causationId,
    payload: envelope.payload,
  };
}
