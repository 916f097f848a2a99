import { tableFromIPC } from 'apache-arrow';
import { RawRecord, toArchivedRecord } from '../model/record-mapping';
import { DecodeWorkerUnavailable, ParquetDecodeWorker } from './parquet-decode.worker';
import { decodeParquet, encodeParquet, rowsOfTable } from './parquet.codec';

const raw = (n: number): RawRecord => ({
  topic: 'trading.order-events', partition: 1, offset: String(2n ** 53n + BigInt(n)), timestampMs: Date.parse('2024-01-01T12:00:00.000Z') + n,
  key: n % 3 === 0 ? null : Buffer.from(`clé-${n}`), headers: n % 2 === 0 ? {} : { 'message-type': `Typ€${n}` },
  value: n % 5 === 0 ? null : Buffer.from(JSON.stringify({ eventId: `e-${n}`, type: 'OrderAccepted', schemaVersion: 1, accountId: 'a', streamId: 's', seq: n, occurredAt: '2024-01-01T12:00:00.000Z', correlationId: 'c', causationId: null, payload: { n } })),
});

describe('decoding Parquet on a worker thread', () => {
  let worker: ParquetDecodeWorker;

  beforeEach(() => {
    worker = new ParquetDecodeWorker();
  });

  afterEach(async () => {
    await worker.close();
  });

  it('given files in turn, then each Arrow stream holds the records decodeParquet reads, over one batch or several', async () => {
    const files = [Array.from({ length: 700 }, (_, n) => toArchivedRecord(raw(n))), [toArchivedRecord(raw(1))]].map((records) => encodeParquet(records));

    const [many, one, small] = await Promise.all([worker.toIpcStream(files[0]!, 65_536), worker.toIpcStream(files[1]!, 65_536), worker.toIpcStream(files[0]!, 128)]);

    expect([...rowsOfTable(tableFromIPC(many))]).toEqual(decodeParquet(files[0]!));
    expect([...rowsOfTable(tableFromIPC(one))]).toEqual(decodeParquet(files[1]!));
    expect(tableFromIPC(small).batches.length).toBeGreaterThan(1);
    expect([...rowsOfTable(tableFromIPC(small))]).toEqual(decodeParquet(files[0]!));
  });

  it('given bytes that are not Parquet, then it rejects, and decodes the next file still', async () => {
    await expect(worker.toIpcStream(Buffer.from('not parquet'), 65_536)).rejects.toThrow();
    const file = encodeParquet([toArchivedRecord(raw(1))]);
    expect([...rowsOfTable(tableFromIPC(await worker.toIpcStream(file, 65_536)))]).toEqual(decodeParquet(file));
  });

  it('given it was closed, then it says it is unavailable rather than that the file is corrupt', async () => {
    const file = encodeParquet([toArchivedRecord(raw(1))]);
    const pending = worker.toIpcStream(file, 65_536).catch((error: unknown) => error);
    await worker.close();

    expect(worker.broken).toBe(true);
    expect(await pending).toBeInstanceOf(DecodeWorkerUnavailable);
    await expect(worker.toIpcStream(file, 65_536)).rejects.toBeInstanceOf(DecodeWorkerUnavailable);
  });
});
