import { Binary, Int32, Int64, Table, tableFromIPC, tableToIPC, TimestampMillisecond, Utf8, vectorFromArray } from 'apache-arrow';
import { Compression, readParquet, Table as WasmTable, writeParquet, WriterPropertiesBuilder } from 'parquet-wasm';
import { ArchivedRecord } from '../model/archived-record';
import { RecordColumns } from './record-columns';

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

/**
 * Rows per record batch read: a file's rows in one batch (the archiver writes up to 10,000 by
 * default), where Parquet's default of 1,024 costs a column setup per batch in JavaScript.
 */
export const DEFAULT_BATCH_ROWS = 65_536;

/** The records of one Parquet file written by `encodeParquet`; throws on bytes that are not one. */
export function decodeParquet(bytes: Uint8Array, batchRows: number = DEFAULT_BATCH_ROWS): ArchivedRecord[] {
  return [...rowsOfTable(tableOfParquet(bytes, batchRows))];
}

/** The Arrow table of a Parquet file; throws on bytes that are not one. */
export function tableOfParquet(bytes: Uint8Array, batchRows: number = DEFAULT_BATCH_ROWS): Table {
  return tableFromIPC(readParquet(bytes, { batchSize: batchRows }).intoIPCStream());
}

/**
 * The records of an Arrow table of the archive's columns, each built when the iteration reaches
 * it: a reader that hands them on one by one lets each die young, where a file's records built
 * up front outlive several young-generation collections and are copied by each. Read column by
 * column from the batches' buffers (`RecordColumns`); values are views into the table's buffers,
 * which are JavaScript memory (not the wasm heap). Throws, while iterating, on a table whose
 * columns are not the archive's.
 */
export function* rowsOfTable(table: Table): Generator<ArchivedRecord, void, undefined> {
  for (const batch of table.batches) {
    const columns = new RecordColumns(batch);
    for (let index = 0; index < columns.length; index++) yield columns.record(index);
  }
}
