import { DeleteTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { TRADING_MESSAGES } from '@trading/contracts';
import { OpenAccountBook } from '@trading/domain';
import {
  createKafkaClient,
  DEAD_LETTER_HEADER,
  DeadLetterPublisher,
  encodeEnvelope,
  headerText,
  MessageRegistry,
  SystemClock,
} from '@trading/messaging';
import { createDynamoDbClient, ensureDynamoTable, positionsTableDefinition } from '@trading/persistence';
import { eventually, testConfig, uniqueName } from '@trading/testing';
import { Admin, IHeaders, Kafka, Producer } from 'kafkajs';
import { AccountEventEnvelope } from '../events/account-event';
import { toOrderRow } from '../orders/order-row';
import { OrdersProgress } from '../orders/orders.progress';
import { OrdersStore } from '../orders/orders.store';
import { positionSk } from '../positions/position.item';
import { PositionsProgress } from '../positions/positions.progress';
import { PositionsStore } from '../positions/positions.store';
import { AccountStream } from '../testing/account-stream.fixture';
import { createTestDatabase, TestDatabase } from '../testing/test-database';
import { Projector } from './projector';

const clock = new SystemClock();

describe('orders and positions projectors (real Kafka, PostgreSQL, DynamoDB Local)', () => {
  const config = testConfig();
  const registry = new MessageRegistry().register(...TRADING_MESSAGES);
  const table = positionsTableDefinition(uniqueName('it-proj-'));
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let database: TestDatabase;
  let dynamodb: DynamoDBClient;
  let topic: string;
  let deadLetterTopic: string;
  const running: Projector[] = [];

  beforeAll(async () => {
    kafka = createKafkaClient({ clientId: uniqueName('it-proj'), brokers: config.KAFKA_BROKERS, logLevel: config.KAFKA_LOG_LEVEL });
    admin = kafka.admin();
    await admin.connect();
    database = await createTestDatabase(config.DATABASE_URL, uniqueName('it_proj'));
    dynamodb = createDynamoDbClient({ endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION });
    await ensureDynamoTable(dynamodb, table);
  });

  afterAll(async () => {
    await admin.disconnect();
    await database.drop();
    await dynamodb.send(new DeleteTableCommand({ TableName: table.TableName }));
    dynamodb.destroy();
  });

  beforeEach(async () => {
    const base = uniqueName('it.proj');
    topic = `${base}.order-events`;
    deadLetterTopic = `${base}.dead-letters`;
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3 }, { topic: deadLetterTopic, numPartitions: 1 }] });
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
  });

  afterEach(async () => {
    for (const projector of running.splice(0)) await projector.stop();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic, deadLetterTopic] });
  });

  const start = async (store: OrdersStore | PositionsStore, groupId: string): Promise<Projector> => {
    const projector = new Projector(kafka, registry, new DeadLetterPublisher(deadLetterTopic, clock), producer, store, {
      groupId,
      topic,
      maxBatchSize: 7,
      backoff: { initialMs: 50, maxMs: 500 },
    });
    running.push(projector);
    await projector.start();
    return projector;
  };
  const stop = async (projector: Projector) => {
    running.splice(running.indexOf(projector), 1);
    await projector.stop();
  };
  const send = (envelopes: readonly AccountEventEnvelope[]) => producer.send({ topic, acks: -1, messages: envelopes.map((e) => encodeEnvelope(e)) });

  const ordersStore = () => new OrdersStore(database.dataSource, clock);
  const positionsStore = () => new PositionsStore(dynamodb, table.TableName, clock);
  const ordersProgress = () => new OrdersProgress(database.dataSource);
  const positionsProgress = () => new PositionsProgress(dynamodb, table.TableName);

  const caughtUp = async (streams: readonly AccountStream[]) =>
    eventually(
      async () => {
        for (const stream of streams) {
          expect(await ordersProgress().lastAppliedSeq(stream.accountId)).toBe(stream.envelopes.length);
          expect(await positionsProgress().lastAppliedSeq(stream.accountId)).toBe(stream.envelopes.length);
        }
      },
      { timeoutMs: 45_000, intervalMs: 200 },
    );

  /** The read models hold exactly what the domain's fold of each stream says. */
  const expectReadModelsMatchTheDomain = async (streams: readonly AccountStream[]) => {
    for (const stream of streams) {
      const book = stream.state() as OpenAccountBook;
      const rows = await database.dataSource.query<{ order_id: string; status: string; filled_qty: string; filled_avg_price: string | null }[]>(
        'SELECT order_id, status, filled_qty, filled_avg_price FROM orders WHERE account_id = $1 ORDER BY order_id',
        [stream.accountId],
      );
      expect(rows).toEqual(
        [...book.orders.values()]
          .map((order) => toOrderRow(order, { accountId: stream.accountId, streamId: '', seq: 1 }))
          .map((row) => ({ order_id: row.orderId, status: row.status, filled_qty: row.filledQty, filled_avg_price: row.filledAvgPrice }))
          .sort((a, b) => a.order_id.localeCompare(b.order_id)),
      );
      const fills = await database.dataSource.query<{ count: string }[]>('SELECT count(*) FROM order_fills WHERE account_id = $1', [stream.accountId]);
      expect(Number(fills[0]?.count)).toBe([...book.orders.values()].reduce((sum, order) => sum + order.executionIds.length, 0));
      const account = await positionsProgress().account(stream.accountId);
      expect(account.cash).toBe(book.cash);
      for (const [symbol, qty] of Object.entries(book.positions)) {
        const { Item } = await dynamodb.send(
          new GetItemCommand({ TableName: table.TableName, Key: { accountId: { S: stream.accountId }, sk: { S: positionSk(symbol) } }, ConsistentRead: true }),
        );
        expect(Item?.qty?.S).toBe(qty);
      }
    }
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

  it('given instances killed and restarted (offsets lost), then they continue without loss or duplicates', async () => {
    const streams = [1, 2, 3, 4].map((n) => new AccountStream(uniqueName(`acc${n}`)));
    const groups = { orders: uniqueName('it-proj-orders'), positions: uniqueName('it-proj-positions') };
    for (const stream of streams) {
      stream.open();
      trade(stream, 1);
    }
    await send(streams.flatMap((stream) => stream.envelopes));
    const first = [await start(ordersStore(), groups.orders), await start(positionsStore(), groups.positions)];
    await caughtUp(streams);

    for (const projector of first) await stop(projector);
    // as if every commit had been lost in the crash: the next instance reads the whole log again
    for (const groupId of Object.values(groups)) await admin.resetOffsets({ groupId, topic, earliest: true });
    const before = streams.map((stream) => stream.envelopes.length);
    for (const stream of streams) trade(stream, 2);
    await send(streams.flatMap((stream, index) => stream.envelopes.slice(before[index])));
    await start(ordersStore(), groups.orders);
    await start(positionsStore(), groups.positions);

    await caughtUp(streams);
    await expectReadModelsMatchTheDomain(streams);
  });

  it('given an event it cannot apply and a record it cannot read, then both are dead-lettered with the reason and the projector goes on', async () => {
    const stream = new AccountStream(uniqueName('acc'));
    stream.open();
    stream.place('o-1');
    const template = stream.envelopes[1] as AccountEventEnvelope;
    const orphan: AccountEventEnvelope = {
      ...template,
      eventId: '019c0000-0000-7000-8000-0000000000aa',
      type: 'OrderAcknowledged',
      seq: 3,
      payload: { type: 'OrderAcknowledged', accountId: stream.accountId, commandId: 'c-x', at: template.occurredAt, orderId: 'ghost', venueStatus: 'new', status: 'new' },
    };
    const acknowledged = stream.acknowledge('o-1').map((envelope) => ({ ...envelope, seq: 4 }));
    const groupId = uniqueName('it-proj-orders');
    await producer.send({
      topic,
      acks: -1,
      messages: [
        ...stream.envelopes.slice(0, 2).map((e) => encodeEnvelope(e)),
        encodeEnvelope(orphan),
        { key: stream.accountId, value: '{"not": an envelope' },
        ...acknowledged.map((e) => encodeEnvelope(e)),
      ],
    });

    await start(ordersStore(), groupId);

    await eventually(async () => expect(await ordersProgress().lastAppliedSeq(stream.accountId)).toBe(4), { timeoutMs: 45_000 });
    const rows = await database.dataSource.query<{ status: string }[]>("SELECT status FROM orders WHERE order_id = 'o-1'");
    expect(rows).toEqual([{ status: 'new' }]);
    const parked = await readDeadLetters(2);
    expect(parked.map((headers) => [headerText(headers, DEAD_LETTER_HEADER.code), headerText(headers, DEAD_LETTER_HEADER.consumerGroup)]).sort()).toEqual([
      ['MESSAGING.MALFORMED_JSON', groupId],
      ['MESSAGING.PROCESSING_FAILED', groupId],
    ]);
    const failed = parked.find((headers) => headerText(headers, DEAD_LETTER_HEADER.code) === 'MESSAGING.PROCESSING_FAILED');
    expect(headerText(failed, DEAD_LETTER_HEADER.reason)).toMatch(/^EVENT\.INCONSISTENT: OrderAcknowledged for unknown order ghost/);
    expect(headerText(failed, DEAD_LETTER_HEADER.sourceTopic)).toBe(topic);
  });

  it('given PostgreSQL refuses connections for a while, then the projector waits and applies everything once it is back', async () => {
    const stream = new AccountStream(uniqueName('acc'));
    stream.open();
    trade(stream, 1);
    const databaseName = new URL(database.url).pathname.slice(1);
    await start(ordersStore(), uniqueName('it-proj-orders'));
    await send(stream.envelopes.slice(0, 3));
    await eventually(async () => expect(await ordersProgress().lastAppliedSeq(stream.accountId)).toBe(3), { timeoutMs: 45_000 });

    const outside = await createTestDatabase(config.DATABASE_URL, uniqueName('it_proj_admin'));
    try {
      await outside.dataSource.query(`ALTER DATABASE ${databaseName} ALLOW_CONNECTIONS false`);
      await outside.dataSource.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [databaseName]);
      await send(stream.envelopes.slice(3));
      await new Promise((resolve) => setTimeout(resolve, 1500)); // the outage lasts a while
      await outside.dataSource.query(`ALTER DATABASE ${databaseName} ALLOW_CONNECTIONS true`);
    } finally {
      await outside.drop();
    }

    await eventually(async () => expect(await ordersProgress().lastAppliedSeq(stream.accountId)).toBe(stream.envelopes.length), { timeoutMs: 45_000 });
    const fills = await database.dataSource.query<{ count: string }[]>('SELECT count(*) FROM order_fills WHERE account_id = $1', [stream.accountId]);
    expect(fills[0]?.count).toBe('3');
  });

  async function readDeadLetters(expected: number): Promise<IHeaders[]> {
    const reader = kafka.consumer({ groupId: uniqueName('it-proj-dlq') });
    const seen: IHeaders[] = [];
    await reader.connect();
    await reader.subscribe({ topic: deadLetterTopic, fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void seen.push(message.headers ?? {}) });
    try {
      await eventually(() => expect(seen.length).toBeGreaterThanOrEqual(expected), { timeoutMs: 30_000 });
      return seen;
    } finally {
      await reader.disconnect();
    }
  }
});
