import { ArchivedRecord } from '../model/archived-record';
import { RawRecord, toArchivedRecord } from '../model/record-mapping';
import { packValues, unpackRecords } from './parquet-encode.request';
import { ParquetEncodeWorker } from './parquet-encode.worker';
import { decodeParquet, encodeParquet } from './parquet.codec';

/** Values as Kafka hands them: views into one larger buffer (its fetch response). */
function records(count: number): ArchivedRecord[] {
  const fetched = Buffer.alloc(64 * 1024, 0x20);
  let at = 100;
  return Array.from({ length: count }, (_, n) => {
    let value: Buffer | null = null;
    if (n % 5 !== 0) {
      const json = Buffer.from(JSON.stringify({ eventId: `e-${n}`, type: 'OrderAccepted', schemaVersion: 1, accountId: 'a', streamId: 's', seq: n, occurredAt: '2024-01-01T12:00:00.000Z', correlationId: 'c', causationId: null, payload: { n, text: 'é€' } }));
      value = fetched.subarray(at, at + json.length);
      json.copy(value);
      at += json.length + 7;
    }
    const raw: RawRecord = {
      topic: 'trading.order-events', partition: 2, offset: String(1_000 + n), timestampMs: Date.parse('2024-01-01T12:00:00.000Z') + n,
      key: n % 3 === 0 ? null : Buffer.from(`a-${n}`), headers: n % 2 === 0 ? {} : { traceparent: `00-${n}` }, value,
    };
    return toArchivedRecord(raw);
  });
}

describe('encoding Parquet on a worker thread', () => {
  let worker: ParquetEncodeWorker;

  beforeEach(() => {
    worker = new ParquetEncodeWorker();
  });

  afterEach(() => worker.close());

  it('given records whose values are views of a larger buffer, when packed and unpacked, then they are the same records', () => {
    const given = records(40);

    const { values, starts } = packValues(given);
    const unpacked = unpackRecords({ records: given.map(({ value: _value, ...rest }) => rest), values, starts });

    expect(unpacked).toEqual(given);
    expect(values.byteLength).toBe(given.reduce((sum, record) => sum + (record.value?.byteLength ?? 0), 0));
  });

  it('given files encoded at once, then each has exactly the bytes encodeParquet writes on the calling thread', async () => {
    const files = [records(500), records(1), records(37)];

    const encoded = await Promise.all(files.map((file, index) => worker.encode(file, index === 1 ? 'snappy' : 'zstd')));

    expect(Buffer.from(encoded[0]!).equals(Buffer.from(encodeParquet(files[0]!, 'zstd')))).toBe(true);
    expect(Buffer.from(encoded[1]!).equals(Buffer.from(encodeParquet(files[1]!, 'snappy')))).toBe(true);
    expect(decodeParquet(encoded[2]!)).toEqual(files[2]);
    expect(worker.encodedOnThread).toBe(3);
  });

  it('given records encodeParquet refuses, then it rejects with the reason, and encodes the next file still', async () => {
    const broken = { ...records(1)[0]!, offset: 'not a number' };

    await expect(worker.encode([broken], 'zstd')).rejects.toThrow(/not a number/);
    expect(decodeParquet(await worker.encode(records(3), 'zstd'))).toEqual(records(3));
  });

  it('given it was closed, then it still encodes, on the calling thread, the same bytes', async () => {
    await worker.close();

    const bytes = await worker.encode(records(10), 'zstd');

    expect(Buffer.from(bytes).equals(Buffer.from(encodeParquet(records(10), 'zstd')))).toBe(true);
    expect(worker.encodedOnThread).toBe(0);
  });
});
