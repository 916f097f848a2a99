import { eventEnvelopeSchema } from '@trading/messaging';
import { ArchivedRecord } from './archived-record';

/** A record as the consumer delivered it, before mapping to archive columns. */
export interface RawRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** Kafka record time, epoch milliseconds. */
  readonly timestampMs: number;
  readonly key: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly value: Buffer | null;
}

type EnvelopeColumns = Pick<
  ArchivedRecord,
  'eventId' | 'type' | 'schemaVersion' | 'accountId' | 'streamId' | 'seq' | 'occurredAt' | 'correlationId' | 'causationId'
>;

const NO_ENVELOPE: EnvelopeColumns = {
  eventId: null, type: null, schemaVersion: null, accountId: null, streamId: null,
  seq: null, occurredAt: null, correlationId: null, causationId: null,
};

/** The envelope fields of a value, or nulls when the bytes are not a valid envelope. */
export function envelopeColumns(value: Buffer | null): EnvelopeColumns {
  if (value === null) return NO_ENVELOPE;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    return NO_ENVELOPE;
  }
  const result = eventEnvelopeSchema.safeParse(parsed);
  if (!result.success) return NO_ENVELOPE;
  const e = result.data;
  return {
    eventId: e.eventId, type: e.type, schemaVersion: e.schemaVersion, accountId: e.accountId, streamId: e.streamId,
    seq: e.seq, occurredAt: new Date(e.occurredAt).toISOString(), correlationId: e.correlationId, causationId: e.causationId,
  };
}

export function toArchivedRecord(raw: RawRecord): ArchivedRecord {
  return {
    topic: raw.topic,
    partition: raw.partition,
    offset: raw.offset,
    timestamp: new Date(raw.timestampMs).toISOString(),
    key: raw.key === null ? null : raw.key.toString('utf8'),
    headers: raw.headers,
    value: raw.value,
    ...envelopeColumns(raw.value),
  };
}
