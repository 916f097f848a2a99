import { RawRecord, toArchivedRecord } from '../model/record-mapping';
import { ArchivedRecordBatch } from '../reader/archived-record.batch';
import { decodeParquet, encodeParquet, tableOfParquet } from './parquet.codec';
import { RecordColumns } from './record-columns';

const records = Array.from({ length: 300 }, (_, n) => {
  const raw: RawRecord = {
    topic: 'trading.order-events', partition: 2, offset: String(n), timestampMs: Date.parse('2024-01-01T12:00:00.000Z') + n * 1000,
    key: Buffer.from('acc-1'), headers: { traceparent: `00-${n}` },
    value: n % 7 === 0 ? Buffer.from([0xff, n]) : Buffer.from(JSON.stringify({
      eventId: `e-${n}`, type: 'OrderAccepted', schemaVersion: 1, accountId: n % 2 ? 'acc-1' : 'compte-é', streamId: 's', seq: n,
      occurredAt: new Date(Date.parse('2024-01-01T12:00:00.000Z') + n).toISOString(), correlationId: 'c', causationId: n % 3 ? null : 'x', payload: { note: `€${n}` },
    })),
  };
  return toArchivedRecord(raw);
});

describe('an archive file read column by column', () => {
  const file = encodeParquet(records);

  it('builds each record as decodeParquet does, over one batch or several', () => {
    for (const batchRows of [65_536, 64]) {
      const built = tableOfParquet(file, batchRows).batches.flatMap((batch) => {
        const columns = new RecordColumns(batch);
        return Array.from({ length: columns.length }, (_, index) => columns.record(index));
      });
      expect(built).toEqual(decodeParquet(file));
    }
  });

  it('reads the value as text and each envelope column as the record holds it, in the rows a batch selects', () => {
    const columns = new RecordColumns(tableOfParquet(file).batches[0]!);
    const rows = Int32Array.from([3, 7, 299]);
    const batch = new ArchivedRecordBatch(columns, rows, 'some/object.parquet');

    expect(batch.length).toBe(3);
    for (let index = 0; index < batch.length; index++) {
      const record = records[rows[index]!]!;
      expect(batch.record(index)).toEqual(record);
      expect([
        batch.valueText(index), batch.eventId(index), batch.type(index), batch.schemaVersion(index), batch.accountId(index), batch.streamId(index),
        batch.seq(index), batch.occurredAt(index), batch.correlationId(index), batch.causationId(index),
      ]).toEqual([
        record.value?.toString('utf8') ?? null, record.eventId, record.type, record.schemaVersion, record.accountId, record.streamId,
        record.seq, record.occurredAt, record.correlationId, record.causationId,
      ]);
    }
    expect(new ArchivedRecordBatch(columns, null, 'some/object.parquet').length).toBe(300);
  });
});
