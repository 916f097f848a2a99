import { ArchivedRecord } from '../model/archived-record';
import { ParquetCompression } from './parquet.codec';

/**
 * Records as sent to the encode worker: without their values, which travel packed in one buffer
 * (a Kafka record's value is a view of its whole fetch response, which a structured clone would
 * copy whole).
 */
export interface EncodeRequest {
  readonly id: number;
  readonly records: readonly Omit<ArchivedRecord, 'value'>[];
  /** Every value, back to back; record i's is `values[starts[i], starts[i + 1])`, or null where `starts[i] < 0`. */
  readonly values: Uint8Array;
  readonly starts: Int32Array;
  readonly compression: ParquetCompression;
}

export interface EncodeReply {
  readonly id: number;
  readonly bytes?: Uint8Array;
  readonly error?: string;
}

/** Packs the values of `records` for an `EncodeRequest`. */
export function packValues(records: readonly ArchivedRecord[]): { values: Uint8Array; starts: Int32Array } {
  let total = 0;
  for (const record of records) total += record.value?.byteLength ?? 0;
  const values = new Uint8Array(total);
  const starts = new Int32Array(records.length + 1);
  let at = 0;
  records.forEach((record, index) => {
    starts[index] = record.value === null ? -1 - at : at;
    if (record.value !== null) {
      values.set(record.value, at);
      at += record.value.byteLength;
    }
  });
  starts[records.length] = at;
  return { values, starts };
}

/** The records of an `EncodeRequest`, values as views of its buffer. */
export function unpackRecords(request: Pick<EncodeRequest, 'records' | 'values' | 'starts'>): ArchivedRecord[] {
  const begin = (index: number): number => {
    const start = request.starts[index]!;
    return start < 0 ? -1 - start : start;
  };
  return request.records.map((record, index) => ({
    ...record,
    value: request.starts[index]! < 0 ? null : Buffer.from(request.values.buffer, request.values.byteOffset + begin(index), begin(index + 1) - begin(index)),
  }));
}
