import { TRADING_MESSAGES } from '@trading/contracts';
import { KafkaQuoteSink, quoteUpdated } from '@trading/market-data';
import {
  createKafkaClient,
  encodeEnvelope,
  EnvelopeFactory,
  EventEnvelope,
  MessageRegistry,
  SystemClock,
  TopicCatalogue,
  TopicProvisioner,
  UuidV7IdGenerator,
} from '@trading/messaging';
import { eventually, testConfig, uniqueName } from '@trading/testing';
import { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { FIX_VENUE, startFixVenue, venueReceived, venueSent } from '../support/fix-venue';
import { REPO_ROOT, RunningService, startService } from '../support/service-process';

interface OrderEventPayload {
  readonly orderId?: string;
  readonly executionId?: string;
  readonly status?: string;
}

/**
 * The execution service trades through the FIX adapter with the real QuickFIX/J executor and is
 * killed with SIGKILL at random moments while orders stream in, then started again on the same
 * FIX store directory. Whatever the moment, the executor receives each order exactly once (its
 * own log of incoming messages says so), each of its fills (its own message store) becomes
 * exactly one OrderFilled, and no order is left pending_new. Quotes for the OMS's reference
 * price come from this test, written to the market-data topic as the market-data service would.
 */
describe('execution service over FIX under SIGKILL', () => {
  const config = testConfig();
  const prefix = `${uniqueName('sys-exec')}.`;
  const catalogue = TopicCatalogue.standard({ prefix, accountPartitions: 3 });
  const registry = new MessageRegistry().register(...TRADING_MESSAGES, quoteUpdated);
  const envelopes = new EnvelopeFactory(new UuidV7IdGenerator(), new SystemClock());
  const compId = `X${Date.now().toString(36)}${randomBytes(3).toString('hex')}`.toUpperCase();
  const accounts = Array.from({ length: 4 }, (_, i) => `fix-crash-acc-${i}`);
  const common = { KAFKA_TOPIC_PREFIX: prefix, KAFKA_ACCOUNT_PARTITIONS: '3', LOG_LEVEL: 'warn' };
  const executionEnv = {
    ...common,
    EXECUTION_ROUTES: 'default=fix',
    EXECUTION_RESOLVE_RETRY_MS: '1000',
    FIX_HOST: FIX_VENUE.host,
    FIX_PORT: String(FIX_VENUE.port),
    FIX_SENDER_COMP_ID: compId,
    FIX_TARGET_COMP_ID: FIX_VENUE.compId,
    FIX_STORE_DIR: join(REPO_ROOT, '.infra', 'data', 'execution-crash-tests', compId),
    FIX_HEARTBEAT_SECONDS: '5',
  };
  const events: EventEnvelope[] = [];
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let reader: Consumer;
  let quotes: NodeJS.Timeout | undefined;
  let oms: RunningService | undefined;
  let execution: RunningService | undefined;

  const killExecution = async (): Promise<NodeJS.Signals | null> => {
    const running = execution;
    if (!running) return null;
    execution = undefined;
    running.process.kill('SIGKILL');
    return (await running.exited).signal;
  };

  beforeAll(async () => {
    startFixVenue();
    kafka = createKafkaClient({ clientId: uniqueName('sys-exec'), brokers: config.KAFKA_BROKERS, logLevel: 'nothing' });
    admin = kafka.admin();
    await admin.connect();
    await new TopicProvisioner(admin).provision(catalogue.all(), { replicationFactor: 1 });
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
    const sink = new KafkaQuoteSink(producer, catalogue.name('marketData'), registry, envelopes);
    const publishQuote = () =>
      sink.publish([{ symbol: 'AAPL', bidPrice: '99.99', bidSize: 1000, askPrice: '100.01', askSize: 1000, source: 'execution-crash-test' }]);
    await publishQuote();
    quotes = setInterval(() => void publishQuote().catch(() => undefined), 1000);
    reader = kafka.consumer({ groupId: uniqueName('sys-exec-reader') });
    await reader.connect();
    await reader.subscribe({ topic: catalogue.name('orderEvents'), fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const decoded = registry.decode(message.value);
        if (decoded.ok) events.push(decoded.envelope);
      },
    });
  }, 180_000);

  afterAll(async () => {
    clearInterval(quotes);
    await killExecution();
    oms?.process.kill('SIGKILL');
    await oms?.exited;
    await reader?.disconnect();
    await producer?.disconnect();
    await admin?.deleteTopics({ topics: catalogue.all().map((t) => t.name) });
    await admin?.disconnect();
  }, 60_000);

  const command = (accountId: string, type: string, payload: unknown): EventEnvelope =>
    envelopes.create({ type, schemaVersion: 1, accountId, streamId: `commands-${accountId}`, seq: 0, payload });
  const payloadOf = (event: EventEnvelope): OrderEventPayload => event.payload as OrderEventPayload;
  const placedOrders = () => events.filter((e) => e.type === 'OrderPlaced').map((e) => payloadOf(e).orderId ?? '');
  const lastStatus = (orderId: string) => events.filter((e) => payloadOf(e).orderId === orderId && payloadOf(e).status).at(-1);

  it('sends each order to the executor once and reports each of its fills once, across random kills', async () => {
    await producer.send({
      topic: catalogue.name('commands'),
      messages: accounts.map((a) => encodeEnvelope(command(a, 'OpenAccount', { startingCash: '10000000' }))),
    });
    oms = startService('apps/oms/src/main', common);
    execution = startService('apps/execution/src/main', executionEnv);

    // orders stream in the background the whole time
    let n = 0;
    let streaming = true;
    const stream = (async () => {
      while (streaming) {
        n++;
        // quantities vary so that no order trips the duplicate-order rule
        const order = command(accounts[n % accounts.length] as string, 'PlaceOrder', {
          orderId: `fix-crash-${compId}-${n}`,
          request: { symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'day', qty: String(1 + (n % 97)), notional: null, limitPrice: '100.00', stopPrice: null, clientOrderId: null },
        });
        await producer.send({ topic: catalogue.name('commands'), messages: [encodeEnvelope(order)] });
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
    })();

    // each kill comes at a random moment after the running process has reported new fills:
    // it is trading, with orders on their way to and from the executor
    const fills = () => events.filter((e) => e.type === 'OrderFilled').length;
    const logons = () => venueReceived(compId).filter((m) => m.get('35') === 'A').length;
    const exits: (NodeJS.Signals | null)[] = [];
    try {
      for (let kill = 0; kill < 4; kill++) {
        // the running process is trading on its own session: it has logged on, and fills come in
        // (fills alone could be the previous process's last reports, still on their way)
        await eventually(() => expect(logons()).toBeGreaterThanOrEqual(kill + 1), { timeoutMs: 120_000, intervalMs: 200 });
        const before = fills();
        await eventually(() => expect(fills()).toBeGreaterThanOrEqual(before + 3), { timeoutMs: 120_000, intervalMs: 100 });
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 1500));
        exits.push(await killExecution());
        execution = startService('apps/execution/src/main', executionEnv);
      }
      const before = fills();
      await eventually(() => expect(fills()).toBeGreaterThanOrEqual(before + 3), { timeoutMs: 120_000, intervalMs: 100 });
    } finally {
      streaming = false;
      await stream;
    }

    await eventually(
      () => {
        const placed = placedOrders();
        expect(placed.length).toBeGreaterThan(0);
        expect(placed.filter((id) => lastStatus(id)?.type !== 'OrderFilled')).toEqual([]);
      },
      { timeoutMs: 150_000, intervalMs: 1000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 3000)); // a duplicate would show up now

    const placed = placedOrders().sort();
    expect(exits.length).toBeGreaterThanOrEqual(4);
    expect(exits.every((signal) => signal === 'SIGKILL')).toBe(true);
    expect(placed.length).toBeGreaterThanOrEqual(20);

    // the executor's side: every restarted process logged on again; each ClOrdID was received once
    const fromUs = venueReceived(compId);
    expect(fromUs.filter((m) => m.get('35') === 'A').length).toBeGreaterThanOrEqual(exits.length + 1);
    const received = fromUs.filter((m) => m.get('35') === 'D').map((m) => m.get('11') ?? '');
    expect(received.sort()).toEqual(placed);

    // each fill the executor sent is exactly one OrderFilled, and there is no other
    const venueFills = venueSent(compId)
      .filter((m) => m.get('35') === '8' && m.get('39') === '2' && Number(m.get('32') ?? '0') > 0)
      .map((m) => `${m.get('11')}/${m.get('17')}`);
    const reportedFills = events
      .filter((e) => e.type === 'OrderFilled' || e.type === 'OrderPartiallyFilled')
      .map((e) => `${payloadOf(e).orderId}/${payloadOf(e).executionId}`);
    expect(venueFills.length).toBe(placed.length);
    expect(reportedFills.sort()).toEqual(venueFills.sort());

    // no order is left waiting for a broker acknowledgement
    expect(placed.filter((id) => lastStatus(id)?.payload && payloadOf(lastStatus(id) as EventEnvelope).status === 'pending_new')).toEqual([]);
  }, 720_000);
});
