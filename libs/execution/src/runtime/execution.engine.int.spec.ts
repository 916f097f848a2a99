import { OrderSpec } from '@trading/domain';
import {
  EnvelopeFactory,
  EventEnvelope,
  MessageRegistry,
  SystemClock,
  UuidV7IdGenerator,
  createKafkaClient,
  encodeEnvelope,
} from '@trading/messaging';
import { eventually, testConfig, uniqueName } from '@trading/testing';
import { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import { loadExecutionSettings } from '../execution.settings';
import { StubBrokerAdapter } from '../testing/stub-broker.adapter';
import { ExecutionEngine, ExecutionTopics } from './execution.engine';

const spec: OrderSpec = { symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'day', qty: '10', notional: null, limitPrice: '150.00', stopPrice: null };

const topicNames = (t: ExecutionTopics): string[] => [t.orderEvents, t.executions, t.journal, t.deadLetters];

interface Report {
  readonly kind: string;
  readonly orderId: string;
  readonly reason?: string | null;
  readonly executionId?: string;
  readonly venue?: string | null;
  readonly executedAt?: string | null;
  readonly qty?: string;
  readonly price?: string;
}

describe('ExecutionEngine (real Kafka, stub broker)', () => {
  const config = testConfig();
  const clock = new SystemClock();
  const factory = new EnvelopeFactory(new UuidV7IdGenerator(), clock);
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let reader: Consumer;
  let topics: ExecutionTopics;
  let reports: EventEnvelope[];
  let groupId: string;
  const running: ExecutionEngine[] = [];

  beforeEach(async () => {
    kafka = createKafkaClient({ clientId: uniqueName('it-exec'), brokers: config.KAFKA_BROKERS, logLevel: config.KAFKA_LOG_LEVEL });
    admin = kafka.admin();
    await admin.connect();
    const base = uniqueName('it.exec');
    topics = { orderEvents: `${base}.order-events`, executions: `${base}.executions`, journal: `${base}.journal`, deadLetters: `${base}.dlq` };
    await admin.createTopics({
      waitForLeaders: true,
      topics: topicNames(topics).map((topic) => ({ topic, numPartitions: topic === topics.deadLetters ? 1 : 3 })),
    });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 5 });
    await producer.connect();
    groupId = uniqueName('it-exec-group');
    reports = [];
    const registry = engineRegistry();
    reader = kafka.consumer({ groupId: uniqueName('it-exec-reader') });
    await reader.connect();
    await reader.subscribe({ topic: topics.executions, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const decoded = registry.decode(message.value);
        if (decoded.ok) reports.push(decoded.envelope);
      },
    });
  });

  afterEach(async () => {
    for (const engine of running.splice(0)) await engine.stop();
    await reader.disconnect();
    await producer.disconnect();
    await admin.deleteTopics({ topics: topicNames(topics) });
    await admin.disconnect();
  });

  /** A registry the engine fills with every message it reads and writes. */
  function engineRegistry(): MessageRegistry {
    const registry = new MessageRegistry();
    new ExecutionEngine(deps(registry, new StubBrokerAdapter('stub'), {}));
    return registry;
  }

  function deps(registry: MessageRegistry, stub: StubBrokerAdapter, env: Record<string, string>) {
    return {
      kafka,
      registry,
      producer,
      clock,
      ids: new UuidV7IdGenerator(),
      adapters: [stub],
      settings: loadExecutionSettings({
        EXECUTION_ROUTES: 'default=stub',
        EXECUTION_BROKER_TIMEOUT_MS: '500',
        EXECUTION_RESOLVE_RETRY_MS: '600000',
        ...env,
      }),
      topics,
      groupId,
    };
  }

  async function startEngine(stub: StubBrokerAdapter, env: Record<string, string> = {}): Promise<ExecutionEngine> {
    const engine = new ExecutionEngine(deps(new MessageRegistry(), stub, env));
    running.push(engine);
    await engine.start();
    await eventually(() => expect(engine.isReconciled()).toBe(true), { timeoutMs: 45_000 });
    return engine;
  }

  async function stopEngine(engine: ExecutionEngine): Promise<void> {
    running.splice(running.indexOf(engine), 1);
    await engine.stop();
  }

  /** What the OMS appends when it accepts an order. */
  async function orderPlaced(orderId: string, accountId = 'acc-1'): Promise<void> {
    const at = clock.now().toISOString();
    const envelope = factory.create({
      type: 'OrderPlaced',
      schemaVersion: 1,
      accountId,
      streamId: `account-${accountId}`,
      seq: 1,
      payload: { type: 'OrderPlaced', accountId, commandId: uniqueName('cmd'), at, orderId, clientOrderId: `c-${orderId}`, order: spec, risk: {} },
    });
    await producer.send({ topic: topics.orderEvents, messages: [encodeEnvelope(envelope)] });
  }

  const reportsOf = (orderId: string): Report[] =>
    reports.map((envelope) => (envelope.payload as { report: Report }).report).filter((report) => report.orderId === orderId);

  it('sends an accepted order once and reports its fill keyed by account, with venue and execution time', async () => {
    const stub = new StubBrokerAdapter('stub');
    await startEngine(stub);

    await orderPlaced('o-1');
    await eventually(() => expect(stub.submits.get('o-1')).toBe(1));
    const fill = stub.fill('o-1', '10', '150.00', 'XNAS');

    await eventually(() => expect(reportsOf('o-1').map((r) => r.kind)).toEqual(['acknowledged', 'fill']));
    expect(reportsOf('o-1')[1]).toEqual({
      kind: 'fill',
      orderId: 'o-1',
      executionId: fill.executionId,
      qty: '10',
      price: '150.00',
      venue: 'XNAS',
      executedAt: fill.at,
    });
    expect(reports.every((envelope) => envelope.accountId === 'acc-1' && envelope.type === 'ExecutionReported')).toBe(true);
  });

  it('refuses orders fast while the breaker is open: BROKER.UNAVAILABLE reports, nothing sent', async () => {
    const stub = new StubBrokerAdapter('stub');
    stub.mode = 'unavailable';
    await startEngine(stub, { EXECUTION_BREAKER_FAILURES: '1', EXECUTION_BREAKER_HALF_OPEN_AFTER_MS: '600000' });

    await orderPlaced('o-1');
    await eventually(() => expect(reportsOf('o-1')).toHaveLength(1));
    stub.mode = 'accept'; // the breaker stays open: the broker is not even asked
    await orderPlaced('o-2');

    await eventually(() => expect(reportsOf('o-2')).toHaveLength(1));
    expect(reportsOf('o-1')[0]).toEqual({ kind: 'rejected', orderId: 'o-1', reason: 'BROKER.UNAVAILABLE: Broker stub is unavailable: stub is down' });
    expect(reportsOf('o-2')[0]).toEqual({ kind: 'rejected', orderId: 'o-2', reason: 'BROKER.UNAVAILABLE: circuit breaker of stub is open' });
    expect(stub.submitCount()).toBe(0);
  });

  it('after a restart sends no order twice, sends what never arrived, and reports the fills made while it was down', async () => {
    const stub = new StubBrokerAdapter('stub');
    const first = await startEngine(stub);
    await orderPlaced('o-1');
    await eventually(() => expect(stub.submits.get('o-1')).toBe(1));
    stub.mode = 'lose-answer'; // the broker has o-2, we do not know it
    await orderPlaced('o-2');
    await eventually(() => expect(stub.submits.get('o-2')).toBe(1));
    stub.mode = 'lose-request'; // o-3 never reached the broker, we do not know it either
    await orderPlaced('o-3');
    await eventually(async () => {
      const offsets = await admin.fetchOffsets({ groupId, topics: [topics.orderEvents] });
      const consumed = offsets[0]?.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
      expect(consumed).toBe(3);
    });
    await stopEngine(first);

    stub.mode = 'accept';
    const missed = stub.fill('o-1', '4', '149.90'); // nobody listens: only reconciliation can report it
    await startEngine(stub);

    await eventually(() => expect(stub.submits.get('o-3')).toBe(1));
    await eventually(() => expect(reportsOf('o-1').map((r) => r.executionId)).toContain(missed.executionId));
    await eventually(() => expect(reportsOf('o-2').map((r) => r.kind)).toContain('acknowledged'));
    expect(stub.submits.get('o-1')).toBe(1);
    expect(stub.submits.get('o-2')).toBe(1);
    expect(reportsOf('o-1').find((r) => r.executionId === missed.executionId)).toMatchObject({ kind: 'partial_fill', qty: '4', price: '149.90' });
  });
});
