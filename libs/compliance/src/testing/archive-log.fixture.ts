import { EventEnvelope } from '@trading/messaging';
import { ArchivedRecord } from '../archive/archive-source.port';

export interface ArchiveTopics {
  readonly commands: string;
  readonly orderEvents: string;
  readonly executions: string;
  readonly executionJournal: string;
}

export const TEST_TOPICS: ArchiveTopics = {
  commands: 'trading.commands',
  orderEvents: 'trading.order-events',
  executions: 'trading.executions',
  executionJournal: 'trading.execution-journal',
};

/** Records as the archiver would have written them: offsets per topic partition, envelope columns lifted. */
export class ArchiveLog {
  readonly records: ArchivedRecord[] = [];
  private readonly offsets = new Map<string, number>();

  constructor(readonly topics: ArchiveTopics = TEST_TOPICS) {}

  append(topic: string, partition: number, envelope: EventEnvelope, traceparent: string | null): ArchivedRecord {
    const place = `${topic}/${partition}`;
    const offset = this.offsets.get(place) ?? 0;
    this.offsets.set(place, offset + 1);
    const record: ArchivedRecord = {
      topic,
      partition,
      offset: String(offset),
      timestamp: envelope.occurredAt,
      key: envelope.accountId,
      headers: {
        'content-type': 'application/json',
        'message-type': envelope.type,
        'schema-version': String(envelope.schemaVersion),
        ...(traceparent ? { traceparent } : {}),
      },
      value: Buffer.from(JSON.stringify(envelope)),
      eventId: envelope.eventId,
      type: envelope.type,
      schemaVersion: envelope.schemaVersion,
      accountId: envelope.accountId,
      streamId: envelope.streamId,
      seq: envelope.seq,
      occurredAt: envelope.occurredAt,
      correlationId: envelope.correlationId,
      causationId: envelope.causationId,
    };
    this.records.push(record);
    return record;
  }
}
