import { Binary, Int32, Int64, Table, tableFromIPC, tableToIPC, TimestampMillisecond, Utf8, vectorFromArray } from 'apache-arrow';
import { Compression, readParquet, Table as WasmTable, writeParquet, WriterPropertiesBuilder } from 'parquet-wasm';
import { ArchivedRecord } from '../model/archived-record';

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

const text = (table: Table, name: string, row: number): string | null => (table.getChild(name)?.get(row) as string | null | undefined) ?? null;
const int = (table: Table, name: string, row: number): number | null => {
  const value = table.getChild(name)?.get(row) as number | bigint | null | undefined;
  return value === null || value === undefined ? null : Number(value);
};
const iso = (table: Table, name: string, row: number): string | null => {
  const value = int(table, name, row);
  return value === null ? null : new Date(value).toISOString();
};

/** The records of one Parquet file written by `encodeParquet`; throws on bytes that are not one. */
export function decodeParquet(bytes: Uint8Array): ArchivedRecord[] {
  const table = tableFromIPC(readParquet(bytes).intoIPCStream());
  const records: ArchivedRecord[] = [];
  for (let row = 0; row < table.numRows; row++) {
    const value = table.getChild('value')?.get(row) as Uint8Array | null | undefined;
    const offset = table.getChild('offset')?.get(row) as bigint | null | undefined;
    records.push({
      topic: text(table, 'topic', row) ?? '',
      partition: int(table, 'partition', row) ?? -1,
      offset: String(offset ?? ''),
      timestamp: iso(table, 'timestamp', row) ?? '',
      key: text(table, 'key', row),
      headers: JSON.parse(text(table, 'headers', row) ?? '{}') as Record<string, string>,
      value: value === null || value === undefined ? null : Buffer.from(value),
      eventId: text(table, 'event_id', row),
      type: text(table, 'type', row),
      schemaVersion: int(table, 'schema_version', row),
      accountId: text(table, 'account_id', row),
      streamId: text(table, 'stream_id', row),
      seq: int(table, 'seq', row),
      occurredAt: iso(table, 'occurred_at', row),
      correlationId: text(table, 'correlation_id', row),
      causationId: text(table, 'causation_id', row),
    });
  }
  return records;
}
