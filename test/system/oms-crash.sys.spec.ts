import { TRADING_MESSAGES } from '@trading/contracts';
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
import { Admin, Kafka, Producer } from 'kafkajs';
import { RunningService, startService } from '../support/service-process';

/**
 * The OMS is killed with SIGKILL at random moments while commands stream in. Whatever the
 * moment, every command ends up with exactly one decision, and every account's event stream is
 * gapless: nothing lost, nothing appended twice.
 */
describe('OMS under SIGKILL', () => {
  const config = testConfig();
  const prefix = `${uniqueName('sys-oms')}.`;
  const catalogue = TopicCatalogue.standard({ prefix, accountPartitions: 3 });
  const registry = new MessageRegistry().register(...TRADING_MESSAGES);
  const envelopes = new EnvelopeFactory(new UuidV7IdGenerator(), new SystemClock());
  const accounts = Array.from({ length: 6 }, (_, i) => `crash-acc-${i}`);
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let oms: RunningService | undefined;

  const startOms = () => {
    oms = startService('apps/oms/src/main', { KAFKA_TOPIC_PREFIX: prefix, KAFKA_ACCOUNT_PARTITIONS: '3', LOG_LEVEL: 'warn' });
    return oms;
  };
  const killOms = async () => {
    if (!oms) return;
    oms.process.kill('SIGKILL');
    await oms.exited;
    oms = undefined;
  };

  beforeAll(async () => {
    kafka = createKafkaClient({ clientId: uniqueName('sys-oms'), brokers: config.KAFKA_BROKERS, logLevel: 'nothing' });
    admin = kafka.admin();
    await admin.connect();
    await new TopicProvisioner(admin).provision(catalogue.all(), { replicationFactor: 1 });
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
  });

  afterAll(async () => {
    await killOms();
    await producer.disconnect();
    await admin.deleteTopics({ topics: catalogue.all().map((t) => t.name) });
    await admin.disconnect();
  });

  const command = (accountId: string, type: string, payload: unknown): EventEnvelope =>
    envelopes.create({ type, schemaVersion: 1, accountId, streamId: `commands-${accountId}`, seq: 0, payload });

  it('decides every command exactly once, with gapless account streams, across random kills', async () => {
    const sent: EventEnvelope[] = accounts.map((a) => command(a, 'OpenAccount', { startingCash: '1000000' }));
    await producer.send({ topic: catalogue.name('commands'), messages: sent.map((c) => encodeEnvelope(c)) });
    startOms();

    const deadline = Date.now() + 25_000;
    let n = 0;
    let kills = 0;
    let nextKill = Date.now() + 1500 + Math.random() * 2500;
    while (Date.now() < deadline) {
      const batch = Array.from({ length: 10 }, () => {
        const accountId = accounts[n % accounts.length] as string;
        n++;
        return n % 4 === 0
          ? command(accountId, 'CancelOrder', { orderId: `missing-${n}` })
          : command(accountId, 'PlaceOrder', {
              orderId: `crash-order-${n}`,
              request: { symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'day', qty: '1', notional: null, limitPrice: '100.00', stopPrice: null, clientOrderId: null },
            });
      });
      sent.push(...batch);
      await producer.send({ topic: catalogue.name('commands'), messages: batch.map((c) => encodeEnvelope(c)) });
      if (Date.now() >= nextKill) {
        await killOms();
        kills++;
        startOms();
        nextKill = Date.now() + 1500 + Math.random() * 2500;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const decisions = await readDecisions(sent.length);

    expect(kills).toBeGreaterThanOrEqual(4);
    const perCommand = new Map<string, number>();
    for (const event of decisions) perCommand.set(event.causationId ?? '', (perCommand.get(event.causationId ?? '') ?? 0) + 1);
    expect(sent.filter((c) => perCommand.get(c.eventId) !== 1).map((c) => [c.type, c.eventId, perCommand.get(c.eventId) ?? 0])).toEqual([]);
    expect(decisions).toHaveLength(sent.length);
    for (const accountId of accounts) {
      const stream = decisions.filter((e) => e.accountId === accountId).map((e) => e.seq);
      expect(stream).toEqual(stream.map((_, i) => i + 1));
    }
  }, 240_000);

  async function readDecisions(expected: number): Promise<EventEnvelope[]> {
    const reader = kafka.consumer({ groupId: uniqueName('sys-oms-reader') });
    const seen: EventEnvelope[] = [];
    await reader.connect();
    await reader.subscribe({ topic: catalogue.name('orderEvents'), fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const decoded = registry.decode(message.value);
        if (decoded.ok) seen.push(decoded.envelope);
      },
    });
    try {
      await eventually(() => expect(seen.length).toBeGreaterThanOrEqual(expected), { timeoutMs: 90_000, intervalMs: 500 });
      await new Promise((resolve) => setTimeout(resolve, 1000)); // a duplicate would show up now
      return seen;
    } finally {
      await reader.disconnect();
    }
  }
});
