import { ArchivedRecordBatch } from '@trading/archive';
import { EventEnvelope, MessageRegistry } from '@trading/messaging';
import { ArchivedRecord } from '../archive/archive-source.port';
import { UndecodableRecordError } from '../compliance.errors';

/** An archived record with its envelope, decoded (and upcast) the way every consumer decodes it. */
export interface DecodedRecord {
  readonly record: ArchivedRecord;
  readonly envelope: EventEnvelope;
  /** `Date.parse(envelope.occurredAt)`, where the decoder knows it already. */
  readonly occurredAtMs?: number;
}

/**
 * A decoded row of a record batch (`ArchivedEnvelopeDecoder.decodeRow`): its record is built only
 * if asked for, which the fold does only to name a record in an error. It holds the batch.
 */
export class DecodedBatchRow implements DecodedRecord {
  constructor(
    private readonly batch: ArchivedRecordBatch,
    private readonly index: number,
    readonly envelope: EventEnvelope,
    readonly occurredAtMs: number,
  ) {}

  get record(): ArchivedRecord {
    return this.batch.record(this.index);
  }
}

/** Where a record lies in the archive, for error messages. */
export const recordPlace = (record: ArchivedRecord): string => `${record.topic}[${record.partition}]@${record.offset}`;

export function decodeArchived(registry: MessageRegistry, record: ArchivedRecord): DecodedRecord {
  const decoded = registry.decode(record.value);
  if (!decoded.ok) {
    throw new UndecodableRecordError(`${recordPlace(record)} does not decode: ${decoded.failure.code} ${decoded.failure.reason}`, {
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      failure: decoded.failure.code,
    });
  }
  return { record, envelope: decoded.envelope };
}
