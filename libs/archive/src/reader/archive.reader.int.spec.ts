import { DeleteObjectCommand, PutObjectCommand, S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { createS3Client, s3SettingsOf, s3ClientConfig } from '@trading/persistence';
import { testConfig, uniqueName } from '@trading/testing';
import { PartitionWriter } from '../archiver/partition.writer';
import { ArchivedRecord, ArchiveQuery } from '../model/archived-record';
import { RawRecord, toArchivedRecord } from '../model/record-mapping';
import { ArchiveStore } from '../storage/archive.store';
import { ArchiveReader } from './archive.reader';

const TOPIC = 'it.reader-events';
const T0 = Date.parse('2024-03-01T10:00:00.000Z');

const raw = (partition: number, offset: number): RawRecord => ({
  topic: TOPIC, partition, offset: String(offset), timestampMs: T0 + offset * 1000, key: Buffer.from(`acc-${offset % 3}`),
  headers: { 'message-type': 'OrderAccepted', traceparent: `00-${offset}` },
  value: offset % 11 === 5 ? Buffer.from([0xff, 0x00]) : Buffer.from(JSON.stringify({
    eventId: `e-${partition}-${offset}`, type: 'OrderAccepted', schemaVersion: 1, accountId: `acc-${offset % 3}`, streamId: `order-${offset % 3}`,
    seq: offset, occurredAt: new Date(T0 + offset * 1000 - 5).toISOString(), correlationId: `c-${offset}`, causationId: null, payload: { note: `é${offset}` },
  })),
});

async function collect(reader: ArchiveReader, query: ArchiveQuery): Promise<ArchivedRecord[]> {
  const records: ArchivedRecord[] = [];
  for await (const record of reader.records(query)) records.push(record);
  return records;
}

async function collectBatches(reader: ArchiveReader, query: ArchiveQuery): Promise<ArchivedRecord[]> {
  const records: ArchivedRecord[] = [];
  for await (const batch of reader.recordBatches(query)) {
    for (let index = 0; index < batch.length; index++) records.push(batch.record(index));
  }
  return records;
}

describe('reading the archive (real S3), on a decode worker or not', () => {
  const config = testConfig();
  const prefix = `it/${uniqueName('reader')}`;
  let s3: S3Client;
  let workerS3: S3ClientConfig;
  const written: RawRecord[] = [];

  beforeAll(async () => {
    const settings = s3SettingsOf(config);
    s3 = createS3Client(settings);
    workerS3 = s3ClientConfig(settings);
    const store = new ArchiveStore(s3, config.S3_BUCKET);
    // Given: two partitions of three and two files
    for (const [partition, files] of [[0, 3], [1, 2]] as const) {
      const writer = await PartitionWriter.open(store, { prefix, compression: 'zstd', lock: () => undefined }, TOPIC, partition);
      for (let file = 0; file < files; file++) {
        const records = Array.from({ length: 40 }, (_, n) => raw(partition, file * 40 + n));
        await writer.append(records);
        written.push(...records);
      }
    }
  });

  afterAll(() => s3.destroy());

  it.each([
    ['everything', {}],
    ['a time range cutting through files', { from: new Date(T0 + 25_000), to: new Date(T0 + 95_000) }],
  ])('given %s, then the records, their batches and the reader without a worker agree with what was written', async (_, range) => {
    const query: ArchiveQuery = { topics: [TOPIC], ...range };
    const expected = written
      .filter((record) => (!query.from || record.timestampMs >= query.from.getTime()) && (!query.to || record.timestampMs < query.to.getTime()))
      .map(toArchivedRecord);
    const onWorker = new ArchiveReader(s3, config.S3_BUCKET, prefix, { decodeOnWorker: true });
    const inProcess = new ArchiveReader(s3, config.S3_BUCKET, prefix, { decodeOnWorker: false });
    const downloadingWorker = new ArchiveReader(s3, config.S3_BUCKET, prefix, { decodeOnWorker: true, workerS3 });

    expect(await collect(onWorker, query)).toEqual(expected);
    expect(await collect(onWorker, query)).toEqual(expected);
    expect(await collect(inProcess, query)).toEqual(expected);
    expect(await collect(downloadingWorker, query)).toEqual(expected);
    expect(await collectBatches(onWorker, query)).toEqual(expected);
    expect(await collectBatches(inProcess, query)).toEqual(expected);
    expect(await collectBatches(downloadingWorker, query)).toEqual(expected);
  });

  it('given a worker that downloads the files, when one was altered or deleted, then the read fails naming it, as without', async () => {
    // Given: a copy of partition 1 (two files) under a prefix of its own
    const own = `it/${uniqueName('reader-tamper')}`;
    const store = new ArchiveStore(s3, config.S3_BUCKET);
    const writer = await PartitionWriter.open(store, { prefix: own, compression: 'zstd', lock: () => undefined }, TOPIC, 1);
    for (let file = 0; file < 2; file++) await writer.append(Array.from({ length: 40 }, (_, n) => raw(1, file * 40 + n)));
    const [first, second] = (await store.list(`${own}/topic=${TOPIC}/`)).filter((key) => key.endsWith('.parquet'));
    const reader = new ArchiveReader(s3, config.S3_BUCKET, own, { decodeOnWorker: true, workerS3 });

    // When: the first file gains a byte
    const original = (await store.get(first!))!;
    await s3.send(new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: first!, Body: Buffer.concat([original, Buffer.from([0])]) }));
    // Then
    await expect(collect(reader, { topics: [TOPIC] })).rejects.toMatchObject({ code: 'ARCHIVE.FILE_HASH_MISMATCH', details: { object: first } });

    // When: it is restored and the second is deleted
    await s3.send(new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: first!, Body: original }));
    await s3.send(new DeleteObjectCommand({ Bucket: config.S3_BUCKET, Key: second! }));
    // Then
    await expect(collect(reader, { topics: [TOPIC] })).rejects.toMatchObject({ code: 'ARCHIVE.OBJECT_MISSING', details: { object: second } });
  });

  it('given a reader that stops early, then a later read still gets every record', async () => {
    const reader = new ArchiveReader(s3, config.S3_BUCKET, prefix);
    for await (const record of reader.records({ topics: [TOPIC] })) if (record.offset === '3') break;

    expect(await collect(reader, { topics: [TOPIC] })).toHaveLength(written.length);
  });
});
