import { encodeEnvelope } from '@trading/messaging';
import { AccountEventEnvelope } from '../events/account-event';
import { ProjectionBatch, ProjectionRecord } from '../runtime/projection-store.port';

/** Envelopes as the records a projector would hand a store, offsets from `firstOffset`. */
export function recordsOf(envelopes: readonly AccountEventEnvelope[], firstOffset = 0): ProjectionRecord[] {
  return envelopes.map((envelope, index) => {
    const { key, value, headers } = encodeEnvelope(envelope);
    return { envelope, message: { key: Buffer.from(String(key)), value: Buffer.from(String(value)), headers: headers ?? {}, offset: String(firstOffset + index) } };
  });
}

export function batchOf(records: readonly ProjectionRecord[], topic = 'orders-it', partition = 0): ProjectionBatch {
  const last = records[records.length - 1];
  return { topic, partition, records, nextOffset: last ? String(Number(last.message.offset) + 1) : '0' };
}
