import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { TRADING_MESSAGES } from '@trading/contracts';
import { accountBookDecider } from '@trading/domain';
import {
  CommandPublisher,
  createKafkaClient,
  createTopicsAndWait,
  DeadLetterPublisher,
  EnvelopeFactory,
  ExactlyOnceProcessor,
  MessageRegistry,
  SystemClock,
  UuidV7IdGenerator,
} from '@trading/messaging';
import { startTracing, Tracing, TradingMetrics } from '@trading/observability';
import { AccountBookProgram, OmsPartitionState } from '@trading/oms';
import { createDynamoDbClient, ensureDynamoTable, positionsTableDefinition, postgresDataSourceOptions } from '@trading/persistence';
import { OrdersStore, PositionsStore, Projector } from '@trading/read-models';
import { eventually, testConfig, uniqueName } from '@trading/testing';
import { Admin, Kafka, Producer } from 'kafkajs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadExecutionSettings } from '../execution.settings';
import { StubBrokerAdapter } from '../testing/stub-broker.adapter';
import { ExecutionEngine } from './execution.engine';

/**
 * The proof that one order is one trace: a gateway-like root span publishes the command,
 * and the OMS decision, the broker call, the fill's way back and both projections all land in that
 * trace. Real Kafka, PostgreSQL and DynamoDB Local, every component in this process.
 */
describe('one order, one trace (real Kafka, PostgreSQL, DynamoDB Local)', () => {
  const config = testConfig();
  const clock = new SystemClock();
  const ids = new UuidV7IdGenerator();
  const exporter = new InMemorySpanExporter();
  const metrics = new TradingMetrics({ processMetrics: false });
  const base = uniqueName('it.trace');
  const topics = {
    commands: `${base}.commands`,
    executions: `${base}.executions`,
    orderEvents: `${base}.order-events`,
    journal: `${base}.execution-journal`,
    deadLetters: `${base}.dead-letters`,
  };
  const table = positionsTableDefinition(uniqueName('it-trace-'));
  const database = uniqueName('it_trace').replace(/[^a-z0-9_]/gi, '_').toLowerCase();
  const stub = new StubBrokerAdapter('stub');
  let tracing: Tracing;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let pgAdmin: Client;
  let dataSource: DataSource;
  let dynamodb: DynamoDBClient;
  let oms: ExactlyOnceProcessor<OmsPartitionState>;
  let execution: ExecutionEngine;
  let projectors: Projector[];
  let commands: CommandPublisher;

  beforeAll(async () => {
    tracing = startTracing({ serviceName: 'it-order-trace', exporter });
    kafka = createKafkaClient({ clientId: uniqueName('it-trace'), brokers: config.KAFKA_BROKERS, logLevel: config.KAFKA_LOG_LEVEL });
    admin = kafka.admin();
    await admin.connect();
    await createTopicsAndWait(admin, [
      ...[topics.commands, topics.executions, topics.orderEvents, topics.journal].map((topic) => ({ topic, numPartitions: 3 })),
      { topic: topics.deadLetters, numPartitions: 1 },
    ]);
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 5 });
    await producer.connect();

    pgAdmin = new Client({ connectionString: Object.assign(new URL(config.DATABASE_URL), { pathname: '/postgres' }).toString() });
    await pgAdmin.connect();
    await pgAdmin.query(`CREATE DATABASE ${database}`);
    const url = Object.assign(new URL(config.DATABASE_URL), { pathname: `/${database}` }).toString();
    dataSource = await new DataSource({ ...postgresDataSourceOptions({ url, poolSize: 4 }), migrationsRun: true }).initialize();
    dynamodb = createDynamoDbClient({ endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION });
    await ensureDynamoTable(dynamodb, table);

    const omsRegistry = new MessageRegistry().register(...TRADING_MESSAGES);
    const prices = { latest: (symbol: string) => ({ symbol, price: '150.00', at: clock.now().toISOString(), source: 'test' }) };
    oms = new ExactlyOnceProcessor(
      kafka,
      omsRegistry,
      new DeadLetterPublisher(topics.deadLetters, clock, metrics),
      new AccountBookProgram(accountBookDecider, new EnvelopeFactory(ids, clock), clock, prices, metrics),
      { groupId: `${base}-oms`, inputTopics: [topics.commands, topics.executions], outputTopic: topics.orderEvents, transactionalIdPrefix: `${base}-oms` },
      metrics,
    );
    execution = new ExecutionEngine({
      kafka,
      registry: new MessageRegistry(),
      producer,
      clock,
      ids,
      adapters: [stub],
      settings: loadExecutionSettings({ EXECUTION_ROUTES: 'default=stub', EXECUTION_RESOLVE_RETRY_MS: '600000' }),
      topics: { orderEvents: topics.orderEvents, executions: topics.executions, journal: topics.journal, deadLetters: topics.deadLetters },
      groupId: `${base}-execution`,
      metrics,
    });
    const projectorRegistry = new MessageRegistry().register(...TRADING_MESSAGES);
    projectors = [new OrdersStore(dataSource, clock), new PositionsStore(dynamodb, table.TableName, clock)].map(
      (store) =>
        new Projector(
          kafka,
          projectorRegistry,
          new DeadLetterPublisher(topics.deadLetters, clock, metrics),
          producer,
          store,
          { groupId: `${base}-projector-${store.name}`, topic: topics.orderEvents },
          metrics,
        ),
    );
    commands = new CommandPublisher(producer, new MessageRegistry().register(...TRADING_MESSAGES), topics.commands, ids, clock);

    await oms.start();
    await execution.start();
    await Promise.all(projectors.map((projector) => projector.start()));
    await eventually(
      () => {
        if (oms.ownedPartitions().length !== 3 || !oms.isReady() || !execution.isReconciled()) throw new Error('not every partition owned yet');
      },
      { timeoutMs: 45_000 },
    );
  });

  afterAll(async () => {
    for (const projector of projectors ?? []) await projector.stop();
    await execution?.stop();
    await oms?.stop();
    await producer?.disconnect();
    await admin?.deleteTopics({ topics: Object.values(topics) });
    await admin?.disconnect();
    await dataSource?.destroy();
    await pgAdmin?.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await pgAdmin?.end();
    await dynamodb?.send(new DeleteTableCommand({ TableName: table.TableName }));
    dynamodb?.destroy();
    await tracing?.shutdown();
  });

  const spansOf = (traceId: string): ReadableSpan[] => exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
  const named = (spans: readonly ReadableSpan[], name: string): ReadableSpan[] => spans.filter((span) => span.name === name);

  it('given an open account, when an order is posted and filled, then the gateway, OMS, execution and projector spans share one trace', async () => {
    const accountId = ids.next();
    await commands.publish(commands.prepare(accountId, 'OpenAccount', { startingCash: '100000' }));
    const orderId = ids.next();
    const request = { symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'day', qty: '10', notional: null, limitPrice: '150.00', stopPrice: null, clientOrderId: null };

    // what the gateway does for POST /v2/orders: the command is published inside the request's span
    const { traceId, correlationId } = await trace
      .getTracer('it-gateway')
      .startActiveSpan('POST /v2/orders', { kind: SpanKind.SERVER }, async (span) => {
        const command = commands.prepare(accountId, 'PlaceOrder', { orderId, request });
        await commands.publish(command);
        span.end();
        return { traceId: span.spanContext().traceId, correlationId: command.correlationId };
      });
    await eventually(() => expect(stub.submits.get(orderId)).toBe(1), { timeoutMs: 30_000 });
    stub.fill(orderId, '10', '150.00');

    await eventually(
      async () => {
        await tracing.flush();
        const spans = spansOf(traceId);
        expect(named(spans, 'POST /v2/orders')).toHaveLength(1);
        expect(named(spans, `process ${topics.commands}`)).toHaveLength(1);
        expect(named(spans, 'oms.decide PlaceOrder')).toHaveLength(1);
        expect(named(spans, `process ${topics.orderEvents}`).length).toBeGreaterThanOrEqual(1);
        expect(named(spans, 'broker submit')).toHaveLength(1);
        expect(named(spans, `process ${topics.executions}`).length).toBeGreaterThanOrEqual(2); // acknowledged, fill
        expect(named(spans, 'oms.decide ExecutionReported').length).toBeGreaterThanOrEqual(2);
        expect(named(spans, 'project orders').length).toBeGreaterThanOrEqual(3); // placed, acknowledged, filled
        expect(named(spans, 'project positions').length).toBeGreaterThanOrEqual(1);
      },
      { timeoutMs: 45_000, intervalMs: 250 },
    );

    const spans = spansOf(traceId);
    const [root] = named(spans, 'POST /v2/orders');
    const [consume] = named(spans, `process ${topics.commands}`);
    const [decide] = named(spans, 'oms.decide PlaceOrder');
    expect(consume?.parentSpanContext?.spanId).toBe(root?.spanContext().spanId);
    expect(decide?.parentSpanContext?.spanId).toBe(consume?.spanContext().spanId);
    expect(consume?.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': topics.commands,
      'trading.correlation_id': correlationId,
      'trading.account_id': accountId,
    });
    expect(decide?.attributes).toMatchObject({ 'trading.outcome': 'accepted', 'trading.rule': '' });
    expect(named(spans, 'broker submit')[0]?.attributes).toMatchObject({ 'trading.broker': 'stub', 'trading.order_id': orderId, 'trading.outcome': 'done' });
    // the opening of the account was a trace of its own
    expect(named(spans, 'oms.decide OpenAccount')).toEqual([]);

    const text = await metrics.text();
    expect(text).toContain('trading_order_decisions_total{outcome="accepted",rule=""} 2');
    expect(text).toContain('trading_fills_total{broker="stub",side="buy"} 1');
    expect(text).toContain('trading_submit_to_fill_seconds_count{broker="stub"} 1');
    expect(text).toContain('trading_broker_circuit_state{broker="stub",state="closed"} 1');
  });
});
