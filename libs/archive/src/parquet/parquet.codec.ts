import { Binary, Int32, Int64, Table, tableFromIPC, tableToIPC, TimestampMillisecond, Utf8, vectorFromArray } from 'apache-arrow';
import { Compression, readParquet, Table as WasmTable, writeParquet, WriterPropertiesBuilder } from 'parquet-wasm';
import { ArchivedRecord } from '../model/archived-record';
import { ArchiveColumn, columnOf } from './archive-column';

export type ParquetCompression = 'zstd' | 'snappy';

const CODECS: Readonly<Record<ParquetCompression, Compression>> = { zstd: Compression.ZSTD, snappy: Compression.SNAPPY };

const ms = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

function sortedHeaders(headers: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(headers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/**
 * Records as one Parquet file. The bytes depend only on the records: no wall-clock, no writer
 * version, so a retry writes the identical object.
 */
export function encodeParquet(records: readonly ArchivedRecord[], compression: ParquetCompression = 'zstd'): Uint8Array {
  const column = <T>(pick: (r: ArchivedRecord) => T): T[] => records.map(pick);
  const table = new Table({
    topic: vectorFromArray(column((r) => r.topic), new Utf8()),
    partition: vectorFromArray(column((r) => r.partition), new Int32()),
    offset: vectorFromArray(column((r) => BigInt(r.offset)), new Int64()),
    timestamp: vectorFromArray(column((r) => new Date(r.timestamp)), new TimestampMillisecond('UTC')),
    key: vectorFromArray(column((r) => r.key), new Utf8()),
    headers: vectorFromArray(column((r) => sortedHeaders(r.headers)), new Utf8()),
    value: vectorFromArray(column((r) => (r.value === null ? null : new Uint8Array(r.value))), new Binary()),
    event_id: vectorFromArray(column((r) => r.eventId), new Utf8()),
    type: vectorFromArray(column((r) => r.type), new Utf8()),
    schema_version: vectorFromArray(column((r) => r.schemaVersion), new Int32()),
    account_id: vectorFromArray(column((r) => r.accountId), new Utf8()),
    stream_id: vectorFromArray(column((r) => r.streamId), new Utf8()),
    seq: vectorFromArray(column((r) => (r.seq === null ? null : BigInt(r.seq))), new Int64()),
    occurred_at: vectorFromArray(column((r) => ms(r.occurredAt)), new TimestampMillisecond('UTC')),
    correlation_id: vectorFromArray(column((r) => r.correlationId), new Utf8()),
    causation_id: vectorFromArray(column((r) => r.causationId), new Utf8()),
  });
  const properties = new WriterPropertiesBuilder().setCompression(CODECS[compression]).setCreatedBy('trading-archive').build();
  return writeParquet(WasmTable.fromIPCStream(tableToIPC(table, 'stream')), properties);
}

/** The records of one Parquet file written by `encodeParquet`; throws on bytes that are not one. */
export function decodeParquet(bytes: Uint8Array): ArchivedRecord[] {
  return recordsOfTable(tableFromIPC(readParquet(bytes).intoIPCStream()));
}

/**
 * The records of an Arrow table of the archive's columns, read column by column from the batches'
 * buffers (the per-row `Table.get` path costs a chunk lookup and a visitor call per cell).
 * Values are views into the table's buffers, which are JavaScript memory (not the wasm heap).
 */
export function recordsOfTable(table: Table): ArchivedRecord[] {
  const records = new Array<ArchivedRecord>(table.numRows);
  let row = 0;
  for (const batch of table.batches) {
    const column = (name: string): ArchiveColumn => columnOf(batch.getChild(name));
    const topic = column('topic');
    const partition = column('partition');
    const offset = column('offset');
    const timestamp = column('timestamp');
    const key = column('key');
    const headers = column('headers');
    const value = column('value');
    const eventId = column('event_id');
    const type = column('type');
    const schemaVersion = column('schema_version');
    const accountId = column('account_id');
    const streamId = column('stream_id');
    const seq = column('seq');
    const occurredAt = column('occurred_at');
    const correlationId = column('correlation_id');
    const causationId = column('causation_id');
    for (let index = 0; index < batch.numRows; index++) {
      const headersText = headers.text(index);
      records[row++] = {
        topic: topic.text(index) ?? '',
        partition: partition.number(index) ?? -1,
        offset: offset.decimal(index) ?? '',
        timestamp: timestamp.iso(index) ?? '',
        key: key.text(index),
        headers: JSON.parse(headersText ?? '{}') as Record<string, string>,
        value: value.bytes(index),
        eventId: eventId.text(index),
        type: type.text(index),
        schemaVersion: schemaVersion.number(index),
        accountId: accountId.text(index),
        streamId: streamId.text(index),
        seq: seq.number(index),
        occurredAt: occurredAt.iso(index),
        correlationId: correlationId.text(index),
        causationId: causationId.text(index),
      };
    }
  }
  return records;
}
