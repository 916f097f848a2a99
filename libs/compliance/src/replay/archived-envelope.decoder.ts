import { ACCOUNT_BOOK_EVENT_VERSIONS, AccountBookEventType } from '@trading/domain';
import { EventEnvelope, MessageRegistry } from '@trading/messaging';
import { ArchivedRecord } from '../archive/archive-source.port';
import { decodeArchived, DecodedRecord } from './decoded-record';

export interface ArchivedEnvelopeDecoderOptions {
  /** Validate every record with the registry's schemas, as a live consumer does (`--strict`). */
  readonly strict: boolean;
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
 * The fast path still cross-checks the parsed envelope against the archived columns and the
 * payload's identity fields; anything else (older versions to upcast, unknown types, mismatches,
 * other topics' messages) goes through `registry.decode`, exactly as before. `strict` sends
 * everything through the registry.
 */
export class ArchivedEnvelopeDecoder {
  constructor(
    private readonly registry: MessageRegistry,
    private readonly options: ArchivedEnvelopeDecoderOptions = { strict: false },
  ) {}

  decode(record: ArchivedRecord): DecodedRecord {
    const envelope = this.options.strict ? null : this.trusted(record);
    return envelope ? { record, envelope } : decodeArchived(this.registry, record);
  }

  private trusted(record: ArchivedRecord): EventEnvelope | null {
    if (record.value === null || record.eventId === null || record.type === null) return null;
    if (record.schemaVersion !== currentVersion(record.type) || !this.registry.has(record.type)) return null;
    let parsed: Partial<EventEnvelope> | null;
    try {
      parsed = JSON.parse(record.value.toString('utf8')) as Partial<EventEnvelope> | null;
    } catch {
      return null;
    }
    if (
      parsed === null || typeof parsed !== 'object' ||
      parsed.eventId !== record.eventId || parsed.type !== record.type || parsed.schemaVersion !== record.schemaVersion ||
      parsed.accountId !== record.accountId || parsed.streamId !== record.streamId || parsed.seq !== record.seq ||
      parsed.occurredAt !== record.occurredAt || parsed.correlationId !== record.correlationId || parsed.causationId !== record.causationId
    ) {
      return null;
    }
    const payload = parsed.payload as { type?: unknown; accountId?: unknown; commandId?: unknown; at?: unknown } | null | undefined;
    if (payload === null || typeof payload !== 'object' || payload.type !== record.type || !nonEmpty(payload.accountId) || !nonEmpty(payload.commandId) || !nonEmpty(payload.at)) {
      return null;
    }
    return parsed as EventEnvelope;
  }
}
