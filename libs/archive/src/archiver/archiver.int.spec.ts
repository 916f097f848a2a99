import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DuckDBInstance } from '@duckdb/node-api';
import { createKafkaClient } from '@trading/messaging';
import { createS3Client, s3SettingsOf } from '@trading/persistence';
import { eventually, testConfig, uniqueName } from '@trading/testing';
import { Kafka, Message } from 'kafkajs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 } from 'uuid';
import { ArchiveError } from '../archive.errors';
import { loadPartitionChains } from '../manifest/manifest-catalog';
import { ArchivedRecord } from '../model/archived-record';
import { ArchiveReader } from '../reader/archive.reader';
import { ArchiveStore } from '../storage/archive.store';
import { verifyArchive } from '../verify/verify-archive';
import { Archiver, ArchiverOptions } from './archiver';

const clock = { now: () => new Date() };
const MIDNIGHT = Date.parse('2024-03-01T00:00:00Z');

function envelope(account: string, seq: number): Buffer {
  return Buffer.from(JSON.stringify({
    eventId: v7(), type: 'OrderAccepted', schemaVersion: 1, accountId: account, streamId: `order-${account}`, seq,
    occurredAt: new Date(MIDNIGHT - 30_000 + seq * 1000).toISOString(), correlationId: `c-${seq}`, causationId: null, payload: { seq },
  }));
}

async function collect(reader: ArchiveReader, topics?: readonly string[]): Promise<ArchivedRecord[]> {
  const records: ArchivedRecord[] = [];
  for await (const record of reader.records({ topics })) records.push(record);
  return records;
}

describe('archiver (real Kafka and S3)', () => {
  const config = testConfig();
  const prefix = `it/${uniqueName('archive')}`;
  const events = uniqueName('it.archive-events');
  const letters = uniqueName('it.archive-dead-letters');
  let kafka: Kafka;
  let s3: S3Client;
  const produced = new Map<string, Buffer | null>(); // topic/partition/offset -> value

  const options = (overrides: Partial<ArchiverOptions>): ArchiverOptions => ({
    groupId: uniqueName('it-archiver'), topics: [events, letters], flushRecords: 7, flushMs: 300, prefix,
    compression: 'zstd', objectLockDays: 1, objectLockMode: 'GOVERNANCE', ...overrides,
  });

  beforeAll(async () => {
    kafka = createKafkaClient({ clientId: 'archive-it', brokers: config.KAFKA_BROKERS, logLevel: 'nothing' });
    s3 = createS3Client(s3SettingsOf(config));
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: events, numPartitions: 3 }, { topic: letters, numPartitions: 2 }] });
    await admin.disconnect();

    // Given: envelopes on 3 partitions whose record times cross midnight UTC, raw dead letters,
    // and one aborted transaction that read_committed must never archive.
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    const eventMessages: Message[] = Array.from({ length: 60 }, (_, i) => ({
      key: `acc-${i % 6}`, value: envelope(`acc-${i % 6}`, i + 1), timestamp: String(MIDNIGHT - 30_000 + i * 1000),
      headers: { 'message-type': 'OrderAccepted' },
    }));
    const letterMessages: Message[] = Array.from({ length: 10 }, (_, i) => ({ key: i % 2 ? null : `k-${i}`, value: Buffer.from([0xff, i, 0x00]) }));
    for (const [topic, messages] of [[events, eventMessages], [letters, letterMessages]] as const) {
      for (const message of messages) {
        const [meta] = await producer.send({ topic, messages: [message] });
        produced.set(`${topic}/${meta!.partition}/${meta!.baseOffset!}`, message.value as Buffer);
      }
    }
    await producer.disconnect();
    const transactional = kafka.producer({ transactionalId: uniqueName('it-aborter'), maxInFlightRequests: 1, idempotent: true });
    await transactional.connect();
    const transaction = await transactional.transaction();
    await transaction.send({ topic: events, messages: [{ key: 'acc-0', value: 'aborted' }] });
    await transaction.abort();
    await transactional.disconnect();
  }, 60_000);

  afterAll(() => s3.destroy());

  it('archives every record exactly once across a crash between upload and commit', async () => {
    // When: the first archiver stores its third flush in S3 and dies before committing it
    let flushes = 0;
    let crashed = false;
    const first = new Archiver(kafka, new ArchiveStore(s3, config.S3_BUCKET), options({
      beforeCommit: async () => {
        flushes += 1;
        if (flushes >= 3) {
          crashed = true;
          throw new Error('crash between upload and commit');
        }
      },
    }), clock);
    const groupId = (first as unknown as { options: ArchiverOptions }).options.groupId;
    await first.start();
    await eventually(() => expect(crashed).toBe(true), { timeoutMs: 30_000 });
    await first.stop({ flush: false });
    // ...and a new one resumes from the committed offsets with different batch boundaries
    const second = new Archiver(kafka, new ArchiveStore(s3, config.S3_BUCKET), options({ groupId, flushRecords: 5 }), clock);
    await second.start();
    try {
      await eventually(async () => expect((await verifyArchive(s3, config.S3_BUCKET, prefix)).records).toBe(produced.size), { timeoutMs: 40_000, intervalMs: 500 });
    } finally {
      await second.stop();
    }

    // Then: the manifests prove one contiguous range per partition, and every record is there once
    const report = await verifyArchive(s3, config.S3_BUCKET, prefix);
    expect(report.breaks).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.partitions).toBe(5);
    const records = await collect(new ArchiveReader(s3, config.S3_BUCKET, prefix));
    const seen = records.map((r) => `${r.topic}/${r.partition}/${r.offset}`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual([...produced.keys()].sort());
    for (const record of records) expect(record.value?.equals(produced.get(`${record.topic}/${record.partition}/${record.offset}`)!)).toBe(true);
    expect(records.some((r) => r.value?.toString() === 'aborted')).toBe(false);
    const envelopes = records.filter((r) => r.topic === events);
    expect(envelopes.every((r) => r.type === 'OrderAccepted' && r.eventId !== null && r.headers['message-type'] === 'OrderAccepted')).toBe(true);
    expect(records.filter((r) => r.topic === letters).every((r) => r.eventId === null)).toBe(true);
    expect(new Set(envelopes.map((r) => r.timestamp.slice(0, 10)))).toEqual(new Set(['2024-02-29', '2024-03-01']));
  }, 120_000);

  it('reads a consistent chain while the archiver writes: a listing older than the head is not a break', async () => {
    // Given: a listing of the manifests made just before the archiver wrote a partition's newest
    // version, and the head (read later) naming that version
    const newest = new Map<string, string>();
    for (const key of await new ArchiveStore(s3, config.S3_BUCKET).list(`${prefix}/_manifests/topic=${events}/`)) {
      newest.set(key.slice(0, key.lastIndexOf('/')), key);
    }
    class ListingBeforeLastWrite extends ArchiveStore {
      private stale = true;
      override async list(listPrefix: string, startAfter?: string): Promise<string[]> {
        const keys = await super.list(listPrefix, startAfter);
        if (!this.stale) return keys;
        this.stale = false;
        return keys.filter((key) => !new Set(newest.values()).has(key));
      }
    }

    // When: the chains are loaded through that listing
    const chains = await loadPartitionChains(new ListingBeforeLastWrite(s3, config.S3_BUCKET), prefix, [events]);

    // Then: every chain is whole, up to the version the head names
    expect(chains.flatMap((chain) => chain.breaks)).toEqual([]);
    expect(chains.map((chain) => chain.versions)).toEqual(
      [...newest.values()].sort().map((key) => Number(/\/v(\d{20})-/.exec(key)![1])),
    );
  });

  it('writes files an independent reader (DuckDB) reads with the manifest counts and values', async () => {
    const store = new ArchiveStore(s3, config.S3_BUCKET);
    const keys = (await store.list(`${prefix}/topic=${events}/dt=2024-03-01/`)).filter((key) => key.endsWith('.parquet'));
    const reader = await collect(new ArchiveReader(s3, config.S3_BUCKET, prefix), [events]);
    const dir = mkdtempSync(join(tmpdir(), 'archive-it-'));
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    try {
      let rows = 0;
      for (const [index, key] of keys.entries()) {
        const path = join(dir, `${index}.parquet`);
        writeFileSync(path, (await store.get(key))!);
        const result = await connection.runAndReadAll(
          `select topic, "partition", "offset"::varchar as off, event_id, type, seq, decode(value) as value, strftime(timestamp, '%Y-%m-%d') as dt from read_parquet('${path}')`,
        );
        for (const row of result.getRowObjectsJson()) {
          const mine = reader.find((r) => r.partition === row.partition && r.offset === row.off)!;
          expect([row.topic, row.event_id, row.type, Number(row.seq), row.value, row.dt]).toEqual([
            events, mine.eventId, 'OrderAccepted', mine.seq, mine.value!.toString(), '2024-03-01',
          ]);
          rows += 1;
        }
      }
      expect(rows).toBe(reader.filter((r) => r.timestamp.startsWith('2024-03-01')).length);
      expect(rows).toBeGreaterThan(0);
    } finally {
      connection.closeSync();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports an altered object by name, and the reader refuses it', async () => {
    const store = new ArchiveStore(s3, config.S3_BUCKET);
    const [victim] = (await store.list(`${prefix}/topic=${letters}/`)).filter((key) => key.endsWith('.parquet'));
    const original = (await store.get(victim!))!;
    await s3.send(new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: victim!, Body: Buffer.concat([original, Buffer.from([0])]) }));

    const report = await verifyArchive(s3, config.S3_BUCKET, prefix);

    expect(report.ok).toBe(false);
    expect(report.breaks).toEqual([expect.objectContaining({ code: 'ARCHIVE.FILE_HASH_MISMATCH', object: victim })]);
    await expect(collect(new ArchiveReader(s3, config.S3_BUCKET, prefix), [letters])).rejects.toMatchObject({ code: 'ARCHIVE.FILE_HASH_MISMATCH', details: { object: victim } });
  });

  it('reports a deleted object and a rewritten manifest', async () => {
    const store = new ArchiveStore(s3, config.S3_BUCKET);
    const [gone] = (await store.list(`${prefix}/topic=${events}/dt=2024-02-29/`)).filter((key) => key.endsWith('.parquet'));
    const [manifest] = await store.list(`${prefix}/_manifests/topic=${events}/partition=0/`);
    await s3.send(new DeleteObjectCommand({ Bucket: config.S3_BUCKET, Key: gone! }));
    const text = (await store.get(manifest!))!.toString().replace('"records": ', '"records": 1');
    await s3.send(new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: manifest!, Body: text }));

    const report = await verifyArchive(s3, config.S3_BUCKET, prefix);

    expect(report.breaks).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: 'ARCHIVE.OBJECT_MISSING', object: gone }),
      expect.objectContaining({ code: 'ARCHIVE.HASH_CHAIN_BROKEN', object: manifest }),
    ]));
  });

  it('fails with a coded error naming the bucket when it does not exist', async () => {
    const reading = collect(new ArchiveReader(s3, uniqueName('no-such-bucket'), prefix));

    await expect(reading).rejects.toBeInstanceOf(ArchiveError);
    await expect(reading).rejects.toMatchObject({ code: 'ARCHIVE.BUCKET_NOT_FOUND' });
  });
});
