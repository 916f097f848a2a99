import { Archiver, ArchiveStore, loadPartitionChains, verifyArchive } from '@trading/archive';
import { loadAppConfig } from '@trading/config';
import { createKafkaClient } from '@trading/messaging';
import { createS3Client, s3SettingsOf } from '@trading/persistence';
import { randomUUID } from 'node:crypto';
import { v7 } from 'uuid';

/**
 * Archive throughput and size: produces N envelopes to a fresh topic, runs the archiver until the
 * manifests hold all of them, and prints events/s and Parquet bytes per event against the same
 * records as JSON lines. Usage: archive-bench [events=50000] [partitions=6].
 */
async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 50_000);
  const partitions = Number(process.argv[3] ?? 6);
  const config = loadAppConfig(process.env);
  const run = `bench-${Date.now().toString(36)}`;
  const topic = `${run}.order-events`;
  const prefix = `bench/${run}`;
  const kafka = createKafkaClient({ clientId: 'archive-bench', brokers: config.KAFKA_BROKERS, logLevel: 'nothing' });
  const s3 = createS3Client(s3SettingsOf(config));
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: partitions }] });
  await admin.disconnect();

  const producer = kafka.producer({ idempotent: true });
  await producer.connect();
  let jsonLineBytes = 0;
  for (let sent = 0; sent < total; sent += 1000) {
    const messages = Array.from({ length: Math.min(1000, total - sent) }, (_, i) => {
      const n = sent + i;
      const account = `acc-${n % 500}`;
      const value = JSON.stringify({
        eventId: v7(), type: 'OrderAccepted', schemaVersion: 1, accountId: account, streamId: randomUUID(), seq: n + 1,
        occurredAt: new Date().toISOString(), correlationId: randomUUID(), causationId: v7(),
        payload: { orderId: randomUUID(), symbol: 'AAPL', side: n % 2 ? 'buy' : 'sell', qty: String(1 + (n % 100)), type: 'limit', limitPrice: (180 + (n % 1000) / 100).toFixed(2), timeInForce: 'day' },
      });
      const headers = { 'content-type': 'application/json', 'message-type': 'OrderAccepted', 'schema-version': '1' };
      jsonLineBytes += Buffer.byteLength(`${JSON.stringify({ topic, partition: 0, offset: String(n), timestamp: new Date().toISOString(), key: account, headers, value })}\n`);
      return { key: account, value, headers };
    });
    await producer.send({ topic, messages });
  }
  await producer.disconnect();

  const store = new ArchiveStore(s3, config.S3_BUCKET);
  const archiver = new Archiver(kafka, store, {
    groupId: `${run}-archiver`, topics: [topic], flushRecords: 10_000, flushMs: 1000, prefix,
    compression: 'zstd', objectLockDays: 0, objectLockMode: 'GOVERNANCE',
  }, { now: () => new Date() });
  const started = process.hrtime.bigint();
  await archiver.start();
  let archived = 0;
  let parquetBytes = 0;
  while (archived < total) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const files = (await loadPartitionChains(store, prefix)).flatMap((chain) => chain.files);
    archived = files.reduce((sum, file) => sum + file.records, 0);
    parquetBytes = files.reduce((sum, file) => sum + file.bytes, 0);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await archiver.stop();
  const report = await verifyArchive(s3, config.S3_BUCKET, prefix);
  s3.destroy();
  process.stdout.write(`${JSON.stringify({
    events: total, partitions, seconds: +seconds.toFixed(2), eventsPerSecond: Math.round(total / seconds),
    parquetBytesPerEvent: +(parquetBytes / total).toFixed(1), jsonLinesBytesPerEvent: +(jsonLineBytes / total).toFixed(1),
    ratio: +(jsonLineBytes / parquetBytes).toFixed(2), files: report.files, verifyOk: report.ok,
  })}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`archive bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
