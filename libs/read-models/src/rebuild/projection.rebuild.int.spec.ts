import { AttributeValue, DeleteTableCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { TRADING_MESSAGES } from '@trading/contracts';
import { OpenAccountBook } from '@trading/domain';
import { createKafkaClient, DeadLetterPublisher, encodeEnvelope, MessageRegistry, SystemClock } from '@trading/messaging';
import { createDynamoDbClient, ensureDynamoTable, positionsTableDefinition } from '@trading/persistence';
import { eventually, testConfig, uniqueName } from '@trading/testing';
import { Admin, Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { AccountEventEnvelope } from '../events/account-event';
import { OrdersProgress } from '../orders/orders.progress';
import { OrdersStore } from '../orders/orders.store';
import { PositionsProgress } from '../positions/positions.progress';
import { PositionsStore } from '../positions/positions.store';
import { OrdersQueryRepository } from '../queries/orders.query-repository';
import { PositionsQueryRepository } from '../queries/positions.query-repository';
import { Projector } from '../runtime/projector';
import { AccountStream } from '../testing/account-stream.fixture';
import { createTestDatabase, TestDatabase } from '../testing/test-database';
import { OrdersRebuild } from './orders.rebuild';
import { PositionsRebuild } from './positions.rebuild';
import { ReadModelPointer } from './read-model.pointer';
import { RebuildDependencies } from './rebuild.dependencies';

const clock = new SystemClock();
const POINTER_TTL_MS = 200;

describe('projection rebuild from the log, switched over while the live side runs (real Kafka, PostgreSQL, DynamoDB Local)', () => {
  const config = testConfig();
  const registry = new MessageRegistry().register(...TRADING_MESSAGES);
  const table = positionsTableDefinition(uniqueName('it-rebuild-'));
  const createdTables: string[] = [table.TableName];
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let database: TestDatabase;
  let dynamodb: DynamoDBClient;
  let topic: string;
  let deadLetterTopic: string;
  let groupPrefix: string;
  const running: Projector[] = [];

  beforeAll(async () => {
    kafka = createKafkaClient({ clientId: uniqueName('it-rebuild'), brokers: config.KAFKA_BROKERS, logLevel: config.KAFKA_LOG_LEVEL });
    admin = kafka.admin();
    await admin.connect();
    dynamodb = createDynamoDbClient({ endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION });
    await ensureDynamoTable(dynamodb, table);
  });

  afterAll(async () => {
    await admin.disconnect();
    for (const name of createdTables) await dynamodb.send(new DeleteTableCommand({ TableName: name }));
    dynamodb.destroy();
  });

  // a database per test: a rebuild replaces the whole orders read model with what one topic holds
  beforeEach(async () => {
    database = await createTestDatabase(config.DATABASE_URL, uniqueName('it_rebuild'));
    const base = uniqueName('it.rebuild');
    topic = `${base}.order-events`;
    deadLetterTopic = `${base}.dead-letters`;
    groupPrefix = `${uniqueName('it-rebuild')}.`;
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3 }, { topic: deadLetterTopic, numPartitions: 1 }] });
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
  });

  afterEach(async () => {
    for (const projector of running.splice(0)) await projector.stop();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic, deadLetterTopic] });
    await database.drop();
  });

  const deps = (): RebuildDependencies => ({ kafka, registry, producer, clock, dataSource: database.dataSource, topic, groupPrefix });
  const pointer = () => new ReadModelPointer(database.dataSource, 'positions', table.TableName, POINTER_TTL_MS);

  /** The live projector of `store`, in the consumer group the rebuild compares itself with. */
  const startLive = async (store: OrdersStore | PositionsStore): Promise<void> => {
    const projector = new Projector(kafka, registry, new DeadLetterPublisher(deadLetterTopic, clock), producer, store, {
      groupId: `${groupPrefix}projector-${store.name}`,
      topic,
      maxBatchSize: 7,
      backoff: { initialMs: 50, maxMs: 500 },
    });
    running.push(projector);
    await projector.start();
  };
  const send = (envelopes: readonly AccountEventEnvelope[]) => producer.send({ topic, acks: -1, messages: envelopes.map((e) => encodeEnvelope(e)) });
  const sendNew = async (streams: readonly AccountStream[], round: number) => {
    const before = streams.map((stream) => stream.envelopes.length);
    for (const stream of streams) trade(stream, round);
    await send(streams.flatMap((stream, index) => stream.envelopes.slice(before[index])));
  };

  const trade = (stream: AccountStream, round: number) => {
    const id = (name: string) => `${stream.accountId}-${round}-${name}`;
    stream.place(id('buy'), { qty: '10', limitPrice: '150.00' });
    stream.acknowledge(id('buy'));
    stream.fill(id('buy'), id('x1'), '4', '149.50');
    stream.fill(id('buy'), id('x2'), '6', '149.75', true);
    stream.place(id('sell'), { side: 'sell', qty: '3', limitPrice: '151.00' });
    stream.acknowledge(id('sell'));
    stream.fill(id('sell'), id('x3'), '3', '151.10', true);
    stream.place(id('rest'), { qty: '1', limitPrice: '140.00' });
    stream.cancel(id('rest'));
  };

  const openedWithTrades = (count: number): AccountStream[] =>
    Array.from({ length: count }, (_, n) => {
      const stream = new AccountStream(uniqueName(`acc${n}`));
      stream.open();
      trade(stream, 1);
      return stream;
    });

  /** Every row of the orders read model in `schema`, in a fixed order. */
  const orderTablesIn = async (dataSource: DataSource, schema: string) => ({
    orders: await dataSource.query<unknown[]>(`SELECT * FROM "${schema}".orders ORDER BY order_id`),
    fills: await dataSource.query<unknown[]>(`SELECT * FROM "${schema}".order_fills ORDER BY execution_id`),
    timeline: await dataSource.query<unknown[]>(`SELECT * FROM "${schema}".order_events ORDER BY order_id, stream_id, seq`),
    streams: await dataSource.query<unknown[]>(`SELECT stream_id, account_id, last_seq FROM "${schema}".projection_streams WHERE projection = 'orders' ORDER BY stream_id`),
    checkpoints: await dataSource.query<unknown[]>(`SELECT topic, partition, next_offset FROM "${schema}".projection_checkpoints WHERE projection = 'orders' ORDER BY partition`),
  });

  /** Every item of a positions table, without what only says when and how often it was written. */
  const positionItems = async (tableName: string) => {
    const items: Record<string, AttributeValue>[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await dynamodb.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return items
      .map(({ updatedAt: _updatedAt, version: _version, ...rest }) => rest)
      .sort((a, b) => `${a.accountId?.S}|${a.sk?.S}`.localeCompare(`${b.accountId?.S}|${b.sk?.S}`));
  };

  const ordersCaughtUp = (streams: readonly AccountStream[]) =>
    eventually(
      async () => {
        for (const stream of streams) expect(await new OrdersProgress(database.dataSource).lastAppliedSeq(stream.accountId)).toBe(stream.envelopes.length);
      },
      { timeoutMs: 45_000, intervalMs: 200 },
    );
  const positionsCaughtUp = (streams: readonly AccountStream[]) =>
    eventually(
      async () => {
        for (const stream of streams) expect(await new PositionsProgress(dynamodb, pointer()).lastAppliedSeq(stream.accountId)).toBe(stream.envelopes.length);
      },
      { timeoutMs: 45_000, intervalMs: 200 },
    );

  /** Reads through the query repositories until `done` settles; each must answer, none may fail. */
  const readWhile = async <T>(done: Promise<T>, read: () => Promise<unknown>): Promise<{ result: T; reads: number }> => {
    let settled = false;
    const outcome = done.finally(() => (settled = true));
    let reads = 0;
    while (!settled) {
      await read();
      reads += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { result: await outcome, reads };
  };

  it('given a live orders projection, when rebuilt from the log while events keep coming, then the rebuilt tables equal the live ones and reads never stop', async () => {
    const streams = openedWithTrades(3);
    await send(streams.flatMap((stream) => stream.envelopes));
    await startLive(new OrdersStore(database.dataSource, clock));
    await ordersCaughtUp(streams);
    const queries = new OrdersQueryRepository(database.dataSource);
    const [first] = streams as [AccountStream];

    const rebuild = new OrdersRebuild(deps(), { label: 'r1', pollMs: 50, maxBatchSize: 5 }).run();
    await sendNew(streams, 2);
    const { result, reads } = await readWhile(rebuild, async () => {
      expect(await queries.byId(first.accountId, `${first.accountId}-1-buy`)).toMatchObject({ status: 'filled' });
    });

    expect(result).toEqual({ projection: 'orders', active: 'public', previous: 'orders_old_r1', deadLettersSkipped: 0 });
    expect(reads).toBeGreaterThan(0);
    // the live projector goes on in the switched-in tables
    await sendNew(streams, 3);
    await ordersCaughtUp(streams);
    expect(await queries.byId(first.accountId, `${first.accountId}-3-sell`)).toMatchObject({ status: 'filled' });
    const rebuilt = await orderTablesIn(database.dataSource, 'public');
    for (const stream of streams) {
      const book = stream.state() as OpenAccountBook;
      const orders = (rebuilt.orders as { account_id: string; order_id: string; status: string }[]).filter((row) => row.account_id === stream.accountId);
      expect(orders.map((row) => [row.order_id, row.status])).toEqual(
        [...book.orders.values()].map((order) => [order.orderId, order.status]).sort(([a], [b]) => String(a).localeCompare(String(b))),
      );
    }
  });

  it('given a quiet live orders projection, when rebuilt, then every row of the rebuilt tables equals the live one it replaced', async () => {
    const streams = openedWithTrades(4);
    await send(streams.flatMap((stream) => stream.envelopes));
    await startLive(new OrdersStore(database.dataSource, clock));
    await ordersCaughtUp(streams);

    await new OrdersRebuild(deps(), { label: 'r2', pollMs: 50 }).run();

    const replaced = await orderTablesIn(database.dataSource, 'orders_old_r2');
    const accounts = new Set(streams.map((stream) => stream.accountId));
    expect((replaced.orders as { account_id: string }[]).filter((row) => accounts.has(row.account_id))).toHaveLength(12);
    expect(await orderTablesIn(database.dataSource, 'public')).toEqual(replaced);
    const indexes = await database.dataSource.query<{ indexname: string }[]>("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'orders' ORDER BY indexname");
    expect(indexes.map((row) => row.indexname)).toEqual([
      'orders_account_client_order_id_idx',
      'orders_account_status_submitted_idx',
      'orders_account_submitted_idx',
      'orders_pkey',
    ]);
  });

  it('given a live positions projection, when rebuilt into a new table, then every item equals the live one, the pointer moves and reads never stop', async () => {
    const streams = openedWithTrades(3);
    await send(streams.flatMap((stream) => stream.envelopes));
    await startLive(new PositionsStore(dynamodb, pointer(), clock));
    await positionsCaughtUp(streams);
    const queries = new PositionsQueryRepository(dynamodb, pointer());
    const [first] = streams as [AccountStream];
    const positionsRebuild = new PositionsRebuild(
      { ...deps(), dynamodb, tablePrefix: table.TableName.replace(/positions$/, '') },
      { label: 'r3', pollMs: 50, maxBatchSize: 5, pointerTtlMs: POINTER_TTL_MS },
    );

    const rebuild = positionsRebuild.run();
    await sendNew(streams, 2);
    const { result, reads } = await readWhile(rebuild, async () => {
      expect(await queries.openPosition(first.accountId, 'AAPL')).not.toBeNull();
    });
    createdTables.push(result.active);

    expect(result).toEqual({ projection: 'positions', active: `${table.TableName}-r3`, previous: table.TableName, deadLettersSkipped: 0 });
    expect(reads).toBeGreaterThan(0);
    expect(await pointer().current()).toBe(result.active);
    await positionsCaughtUp(streams);
    expect(await positionItems(result.active)).toEqual(await positionItems(table.TableName));
    await sendNew(streams, 3);
    await positionsCaughtUp(streams);
    const book = first.state() as OpenAccountBook;
    expect((await queries.openPosition(first.accountId, 'AAPL'))?.position.qty).toBe(book.positions.AAPL);
    expect((await new PositionsProgress(dynamodb, result.active).account(first.accountId)).cash).toBe(book.cash);
  });
});
