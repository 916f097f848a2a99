import { RecordBatch } from 'apache-arrow';
import { ArchivedRecord } from '../model/archived-record';
import { ArchiveColumn, columnOf } from './archive-column';

/**
 * The archive's columns of one record batch, each read on its own: a reader that needs a few
 * fields of a record reads just those, and `record` builds the whole `ArchivedRecord`.
 */
export class RecordColumns {
  readonly length: number;
  readonly topic: ArchiveColumn;
  readonly partition: ArchiveColumn;
  readonly offset: ArchiveColumn;
  readonly timestamp: ArchiveColumn;
  readonly key: ArchiveColumn;
  readonly headers: ArchiveColumn;
  readonly value: ArchiveColumn;
  readonly eventId: ArchiveColumn;
  readonly type: ArchiveColumn;
  readonly schemaVersion: ArchiveColumn;
  readonly accountId: ArchiveColumn;
  readonly streamId: ArchiveColumn;
  readonly seq: ArchiveColumn;
  readonly occurredAt: ArchiveColumn;
  readonly correlationId: ArchiveColumn;
  readonly causationId: ArchiveColumn;

  constructor(batch: RecordBatch) {
    const column = (name: string): ArchiveColumn => columnOf(batch.getChild(name));
    this.length = batch.numRows;
    this.topic = column('topic');
    this.partition = column('partition');
    this.offset = column('offset');
    this.timestamp = column('timestamp');
    this.key = column('key');
    this.headers = column('headers');
    this.value = column('value');
    this.eventId = column('event_id');
    this.type = column('type');
    this.schemaVersion = column('schema_version');
    this.accountId = column('account_id');
    this.streamId = column('stream_id');
    this.seq = column('seq');
    this.occurredAt = column('occurred_at');
    this.correlationId = column('correlation_id');
    this.causationId = column('causation_id');
  }

  /** The record at `index`; throws on a batch whose columns are not the archive's. */
  record(index: number): ArchivedRecord {
    return {
      topic: this.topic.text(index) ?? '',
      partition: this.partition.number(index) ?? -1,
      offset: this.offset.decimal(index) ?? '',
      timestamp: this.timestamp.iso(index) ?? '',
      key: this.key.text(index),
      headers: JSON.parse(this.headers.text(index) ?? '{}') as Record<string, string>,
      value: this.value.bytes(index),
      eventId: this.eventId.text(index),
      type: this.type.text(index),
      schemaVersion: this.schemaVersion.number(index),
      accountId: this.accountId.text(index),
      streamId: this.streamId.text(index),
      seq: this.seq.number(index),
      occurredAt: this.occurredAt.iso(index),
      correlationId: this.correlationId.text(index),
      causationId: this.causationId.text(index),
    };
  }
}
