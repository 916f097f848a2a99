import { ArchivedRecordBatch } from '@trading/archive';
import { ACCOUNT_BOOK_EVENT_VERSIONS, AccountBookEventType } from '@trading/domain';
import { EventEnvelope, MessageRegistry } from '@trading/messaging';
import { ArchivedRecord } from '../archive/archive-source.port';
import { decodeArchived, DecodedBatchRow, DecodedRecord } from './decoded-record';
import { isIsoTextOf } from './iso-instant';

export interface ArchivedEnvelopeDecoderOptions {
  /** Validate every record with the registry's schemas, as a live consumer does (`--strict`). */
  readonly strict: boolean;
}

/** The envelope fields the archiver lifted into columns; occurredAt as its ISO text or in epoch milliseconds. */
type EnvelopeColumns = Pick<ArchivedRecord, 'eventId' | 'type' | 'schemaVersion' | 'accountId' | 'streamId' | 'seq' | 'correlationId' | 'causationId'> &
  ({ readonly occurredAt: string | null } | { readonly occurredAtMs: number | null });

/** The parsed envelope's occurredAt is the column's, as the ISO text the archiver would print. */
function sameOccurredAt(columns: EnvelopeColumns, parsed: unknown): boolean {
  if ('occurredAt' in columns) return parsed === columns.occurredAt;
  return columns.occurredAtMs === null ? parsed === null : typeof parsed === 'string' && isIsoTextOf(parsed, columns.occurredAtMs);
}

const currentVersion = (type: string): number | undefined =>
  Object.prototype.hasOwnProperty.call(ACCOUNT_BOOK_EVENT_VERSIONS, type) ? ACCOUNT_BOOK_EVENT_VERSIONS[type as AccountBookEventType] : undefined;

const nonEmpty = (value: unknown): boolean => typeof value === 'string' && value.length > 0;

/**
 * Decodes archived order events for replay. By default a record at the current schema version of
 * its account-book event is only parsed (one `JSON.parse`), not re-validated with the registry's
 * zod schemas. That is safe because such bytes were validated three times already and are proven
 * unchanged since:
 * - the OMS's exactly-once processor passes every event through `registry.assertPublishable`
 *   (envelope and payload schema, current version) before producing it;
 * - the archiver lifted the envelope columns only after `eventEnvelopeSchema` accepted the bytes
 *   (a record that failed has null columns and takes the registry path here);
 * - the bytes are the ones whose SHA-256 the manifest hash chain recorded, and the reader refuses
 *   a file whose hash differs.
 * The fast path still cross-checks the parsed envelope against the archived columns (occurredAt
 * against the column's epoch milliseconds, exactly as the ISO text the archiver lifted it from:
 * `isIsoTextOf`) and the payload's identity fields; anything else (older versions to upcast, unknown types, mismatches,
 * other topics' messages) goes through `registry.decode`, exactly as before. `strict` sends
 * everything through the registry.
 */
export class ArchivedEnvelopeDecoder {
  constructor(
    private readonly registry: MessageRegistry,
    private readonly options: ArchivedEnvelopeDecoderOptions = { strict: false },
  ) {}

  decode(record: ArchivedRecord): DecodedRecord {
    const envelope = this.options.strict || record.value === null ? null : this.trusted(record, () => record.value!.toString('utf8'));
    return envelope ? { record, envelope } : decodeArchived(this.registry, record);
  }

  /**
   * `decode(batch.record(index))`, reading only the value and the envelope columns: the whole
   * record is built only for the registry path (or, later, an error message naming its place).
   */
  decodeRow(batch: ArchivedRecordBatch, index: number): DecodedRecord {
    if (!this.options.strict) {
      const occurredAtMs = batch.occurredAtMs(index);
      const columns: EnvelopeColumns = {
        eventId: batch.eventId(index), type: batch.type(index), schemaVersion: batch.schemaVersion(index), accountId: batch.accountId(index),
        streamId: batch.streamId(index), seq: batch.seq(index), occurredAtMs, correlationId: batch.correlationId(index),
        causationId: batch.causationId(index),
      };
      const text = batch.valueText(index);
      const envelope = text === null ? null : this.trusted(columns, () => text);
      // the fast path proved occurredAt the ISO text of occurredAtMs
      if (envelope) return new DecodedBatchRow(batch, index, envelope, occurredAtMs!);
    }
    return decodeArchived(this.registry, batch.record(index));
  }

  /** The envelope of a record with a value, when the fast path may take it; null: the registry's path. */
  private trusted(columns: EnvelopeColumns, value: () => string): EventEnvelope | null {
    if (columns.eventId === null || columns.type === null) return null;
    if (columns.schemaVersion !== currentVersion(columns.type) || !this.registry.has(columns.type)) return null;
    let parsed: Partial<EventEnvelope> | null;
    try {
      parsed = JSON.parse(value()) as Partial<EventEnvelope> | null;
    } catch {
      return null;
    }
    if (
      parsed === null || typeof parsed !== 'object' ||
      parsed.eventId !== columns.eventId || parsed.type !== columns.type || parsed.schemaVersion !== columns.schemaVersion ||
      parsed.accountId !== columns.accountId || parsed.streamId !== columns.streamId || parsed.seq !== columns.seq ||
      !sameOccurredAt(columns, parsed.occurredAt) || parsed.correlationId !== columns.correlationId || parsed.causationId !== columns.causationId
    ) {
      return null;
    }
    const payload = parsed.payload as { type?: unknown; accountId?: unknown; commandId?: unknown; at?: unknown } | null | undefined;
    if (payload === null || typeof payload !== 'object' || payload.type !== columns.type || !nonEmpty(payload.accountId) || !nonEmpty(payload.commandId) || !nonEmpty(payload.at)) {
      return null;
    }
    return parsed as EventEnvelope;
  }
}
