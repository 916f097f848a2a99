import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { ArchiveStore, manifestKey, PartitionWriter, RawRecord } from '@trading/archive';
import { AccountHistory, ArchivedRecord, ArchiveLog } from '@trading/compliance';
import { AppConfig } from '@trading/config';
import { TRADING_MESSAGES } from '@trading/contracts';
import { MessageRegistry, SystemClock, TopicCatalogue } from '@trading/messaging';
import { createDynamoDbClient, createS3Client, s3SettingsOf, ensureDynamoTable, positionsTableDefinition, postgresDataSourceOptions } from '@trading/persistence';
import { DeadLetterSink, OrdersStore, PositionsStore, ProjectionRecord } from '@trading/read-models';
import { testConfig, uniqueName } from '@trading/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { parseReplayArgs, ReplayInvocation } from './replay-cli';
import { runReplay } from './replay.runner';

/** A database of its own on the real server, migrated. */
async function createDatabase(serverUrl: string, name: string): Promise<{ url: string; dataSource: DataSource; drop(): Promise<void> }> {
  const database = name.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
  const admin = new Client({ connectionString: Object.assign(new URL(serverUrl), { pathname: '/postgres' }).toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();
  const dataSource = await new DataSource({ ...postgresDataSourceOptions({ url, poolSize: 2 }), migrationsRun: true }).initialize();
  return {
    url,
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const rawOf = (record: ArchivedRecord): RawRecord => ({
  topic: record.topic, partition: record.partition, offset: record.offset, timestampMs: Date.parse(record.timestamp),
  key: record.key === null ? null : Buffer.from(record.key), headers: record.headers, value: record.value,
});

/** Writes the records with the archive's own partition writer, a few records per Parquet file. */
async function writeArchive(s3: S3Client, bucket: string, prefix: string, records: readonly ArchivedRecord[]): Promise<void> {
  const store = new ArchiveStore(s3, bucket);
  const byPartition = new Map<string, ArchivedRecord[]>();
  for (const record of records) byPartition.set(`${record.topic}|${record.partition}`, [...(byPartition.get(`${record.topic}|${record.partition}`) ?? []), record]);
  for (const partitionRecords of byPartition.values()) {
    const { topic, partition } = partitionRecords[0]!;
    const writer = await PartitionWriter.open(store, { prefix, compression: 'zstd', lock: () => undefined }, topic, partition);
    for (let start = 0; start < partitionRecords.length; start += 7) await writer.append(partitionRecords.slice(start, start + 7).map(rawOf));
  }
}

/** The live read models, as the projectors would have written them from the order events. */
async function project(records: readonly ArchivedRecord[], topic: string, dataSource: DataSource, dynamodb: DynamoDBClient, table: string): Promise<void> {
  const registry = new MessageRegistry().register(...TRADING_MESSAGES);
  const deadLetter: DeadLetterSink = async (record, failure) => {
    throw new Error(`unexpected dead letter ${record.envelope.type}: ${failure.reason}`);
  };
  const stores = [new OrdersStore(dataSource, new SystemClock()), new PositionsStore(dynamodb, table, new SystemClock())];
  for (const partition of new Set(records.map((record) => record.partition))) {
    const batch: ProjectionRecord[] = records
      .filter((record) => record.topic === topic && record.partition === partition)
      .map((record) => {
        const decoded = registry.decode(record.value);
        if (!decoded.ok) throw new Error(decoded.failure.reason);
        return { envelope: decoded.envelope, message: { key: null, value: record.value, headers: {}, offset: record.offset } };
      });
    const nextOffset = String(Number(batch[batch.length - 1]!.message.offset) + 1);
    for (const store of stores) await store.apply({ topic, partition, records: batch, nextOffset }, deadLetter);
  }
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) }, out, err };
}

describe('replay CLI against the real S3 archive, PostgreSQL and DynamoDB', () => {
  const base = testConfig();
  const name = uniqueName('replay');
  const prefix = `it/${name}`;
  const catalogue = TopicCatalogue.standard({ prefix: `${name}.`, accountPartitions: 2 });
  const topics = {
    commands: catalogue.name('commands'), orderEvents: catalogue.name('orderEvents'),
    executions: catalogue.name('executions'), executionJournal: catalogue.name('executionJournal'),
  };
  const log = new ArchiveLog(topics);
  const start = Date.now() - 3_600_000;
  const alice = new AccountHistory(log, `${name}-alice`, 0, start);
  const bob = new AccountHistory(log, `${name}-bob`, 1, start);
  let middle = '';
  let s3: S3Client;
  let dynamodb: DynamoDBClient;
  let live: Awaited<ReturnType<typeof createDatabase>>;
  let fresh: Awaited<ReturnType<typeof createDatabase>>;
  const tables = [positionsTableDefinition(`${name}-live-`), positionsTableDefinition(`${name}-fresh-`)];
  let liveConfig: AppConfig;
  let freshConfig: AppConfig;

  const run = (config: AppConfig, ...argv: string[]) => {
    const output = capture();
    const invocation = parseReplayArgs([...argv, '--no-progress'], new Date()) as ReplayInvocation;
    return runReplay(invocation, config, output.io, prefix).then((code) => ({ code, out: output.out.join('\n'), err: output.err.join('\n') }));
  };

  beforeAll(async () => {
    alice.open('100000');
    alice.place('a-1', { symbol: 'AAPL', qty: '10', limitPrice: '150.00' });
    alice.acknowledge('a-1');
    alice.fill('a-1', 'ax-1', '4', '149.50');
    middle = alice.now();
    alice.fill('a-1', 'ax-2', '6', '150.00', true);
    alice.place('a-2', { symbol: 'AAPL', side: 'sell', qty: '5', limitPrice: '155.00' });
    alice.acknowledge('a-2');
    alice.fill('a-2', 'ax-3', '5', '155.25', true);
    alice.place('a-3', { symbol: 'MSFT', qty: '2', limitPrice: '400.00' }, '400.00');
    alice.acknowledge('a-3');
    alice.fill('a-3', 'ax-4', '1', '399.00');
    alice.place('a-4', { symbol: 'AAPL', qty: '100000' });
    bob.open('50000');
    bob.place('b-1', { symbol: 'MSFT', qty: '3', limitPrice: '400.00' }, '400.00');
    bob.acknowledge('b-1');
    bob.cancel('b-1');
    bob.canceled('b-1');
    bob.place('b-2', { symbol: 'AAPL', qty: '1', limitPrice: '150.00' });

    const config = base;
    s3 = createS3Client(s3SettingsOf(config));
    dynamodb = createDynamoDbClient({ endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION });
    await writeArchive(s3, config.S3_BUCKET, prefix, log.records);
    live = await createDatabase(config.DATABASE_URL, `${name}_live`);
    fresh = await createDatabase(config.DATABASE_URL, `${name}_fresh`);
    await ensureDynamoTable(dynamodb, tables[0]!);
    await project(log.records, topics.orderEvents, live.dataSource, dynamodb, tables[0]!.TableName);
    const shared = { KAFKA_TOPIC_PREFIX: `${name}.`, KAFKA_ACCOUNT_PARTITIONS: '2' };
    liveConfig = testConfig({ ...shared, DATABASE_URL: live.url, DYNAMODB_TABLE_PREFIX: `${name}-live-` });
    freshConfig = testConfig({ ...shared, DATABASE_URL: fresh.url, DYNAMODB_TABLE_PREFIX: `${name}-fresh-` });
  });

  afterAll(async () => {
    for (const table of tables) await dynamodb.send(new DeleteTableCommand({ TableName: table.TableName })).catch(() => undefined);
    await live?.drop();
    await fresh?.drop();
    dynamodb?.destroy();
    s3?.destroy();
  });

  it('given the archive of a mixed workload, when the state is replayed as now, then it equals the live read models and --verify exits 0', async () => {
    const verified = await run(liveConfig, '--verify');

    expect(verified.err).toBe('');
    expect(verified.out).toContain('compared 5 orders, 2 positions, 2 accounts\' cash: 0 differences');
    expect(verified.code).toBe(0);
  });

  it('when replayed as of an instant between two fills, then the order shows its intermediate state', async () => {
    const replayed = await run(liveConfig, '--as-of', middle, '--account', alice.accountId, '--json');
    const view = JSON.parse(replayed.out) as { orders: { order: { orderId: string; status: string; filledQty: string } }[]; positions: unknown[] };

    expect(replayed.code).toBe(0);
    expect(view.orders.map(({ order }) => [order.orderId, order.status, order.filledQty])).toEqual([['a-1', 'partially_filled', '4']]);
    expect(view.positions).toEqual([{ accountId: alice.accountId, symbol: 'AAPL', position: { qty: '4', avgEntryPrice: '149.50', costBasis: '598.00', realizedPnl: '0.00' } }]);
  });

  it('when one order timeline is asked for, then it lists its commands, decisions, reports and journal with trace ids', async () => {
    const shown = await run(liveConfig, '--order', 'b-1');
    const json = JSON.parse((await run(liveConfig, '--order', 'b-1', '--json')).out) as { entries: { type: string; traceId: string | null }[] };

    expect(shown.code).toBe(0);
    expect(shown.out).toContain(`order b-1 of account ${bob.accountId}`);
    expect(json.entries.map((entry) => entry.type)).toEqual([
      'PlaceOrder', 'OrderPlaced', 'BrokerSubmitIntended', 'BrokerRequestSent', 'ExecutionReported', 'OrderAcknowledged',
      'CancelOrder', 'OrderCancelRequested', 'ExecutionReported', 'OrderCanceled',
    ]);
    expect(json.entries.every((entry) => /^[0-9a-f]{32}$/.test(entry.traceId ?? ''))).toBe(true);
  });

  it('given a row tampered with in PostgreSQL, then --verify exits non-zero naming the field and both values', async () => {
    await live.dataSource.query(`UPDATE orders SET filled_qty = '3' WHERE order_id = 'a-3'`);

    const verified = await run(liveConfig, '--verify');

    expect(verified.code).toBe(1);
    expect(verified.out).toContain(`order ${alice.accountId}/a-3 filledQty: archive "1", read model "3"`);
    expect(verified.out).toContain('1 differences');
  });

  it('given fresh read models, when rebuilt from the archive, then they verify clean; a second rebuild refuses the non-empty target', async () => {
    const rebuilt = await run(freshConfig, '--rebuild');
    const verified = await run(freshConfig, '--verify');
    const again = await run(freshConfig, '--rebuild');

    expect(rebuilt.code).toBe(0);
    expect(verified.out).toContain('0 differences');
    expect(verified.code).toBe(0);
    expect(again.code).toBe(1);
    expect(again.err).toContain('REPLAY.TARGET_NOT_EMPTY');
  });

  it('given a corrupt manifest in the archive, then replay exits 2 naming the object', async () => {
    const corrupt = manifestKey(prefix, topics.orderEvents, 0, 99, new Date().toISOString().slice(0, 10));
    await new ArchiveStore(s3, base.S3_BUCKET).put(corrupt, Buffer.from('not a manifest'));

    const replayed = await run(liveConfig);

    expect(replayed.code).toBe(2);
    expect(replayed.err).toContain('ARCHIVE.CORRUPT_MANIFEST');
    expect(replayed.err).toContain(corrupt);
  });

  it('given a bucket that does not exist, then replay exits 2 saying so', async () => {
    const replayed = await run(testConfig({ S3_BUCKET: `${name}-missing`.toLowerCase().slice(0, 60) }));

    expect(replayed.code).toBe(2);
    expect(replayed.err).toContain('ARCHIVE.BUCKET_NOT_FOUND');
  });
});
