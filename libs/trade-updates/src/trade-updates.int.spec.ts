import { TRADING_MESSAGES } from '@trading/contracts';
import { createKafkaClient, DeadLetterPublisher, encodeEnvelope, MessageRegistry, SystemClock } from '@trading/messaging';
import { createRedisClient } from '@trading/redis';
import { eventually, testConfig, uniqueName } from '@trading/testing';
import Redis from 'ioredis';
import { Admin, Kafka, Producer } from 'kafkajs';
import { TradeUpdatesHub } from './fan-out/trade-updates.hub';
import { TradeUpdatesNotifier } from './notifier/trade-updates.notifier';
import { TradeUpdatesKeys } from './stream/trade-updates.keys';
import { TradeUpdatesStore } from './stream/trade-updates.store';
import { AccountStream } from './testing/account-stream.fixture';
import { RecordingSseSink } from './testing/recording.sse-sink';
import { AccountEventEnvelope } from './updates/order-events';

const HUB = { heartbeatMs: 60_000, maxBufferedBytes: 64 * 1024, backlogPageSize: 3 };

describe('trade updates through real Kafka and Redis', () => {
  const config = testConfig();
  const registry = new MessageRegistry().register(...TRADING_MESSAGES);
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let redis: Redis;
  let topic: string;
  let store: TradeUpdatesStore;
  const stoppers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    kafka = createKafkaClient({ clientId: uniqueName('it-tu'), brokers: config.KAFKA_BROKERS, logLevel: config.KAFKA_LOG_LEVEL });
    admin = kafka.admin();
    redis = createRedisClient(config.REDIS_URL, 'it-trade-updates');
    await Promise.all([admin.connect(), redis.connect()]);
  });

  afterAll(async () => {
    await Promise.all([admin.disconnect(), redis.quit()]);
  });

  beforeEach(async () => {
    const base = uniqueName('it.tu');
    topic = `${base}.order-events`;
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3 }] });
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
    store = new TradeUpdatesStore(redis, new TradeUpdatesKeys(`${base}.`), 1000);
  });

  afterEach(async () => {
    for (const stop of stoppers.splice(0).reverse()) await stop();
    const keys = await redis.keys(`${topic.replace(/\.order-events$/, '.')}trade-updates:*`);
    if (keys.length > 0) await redis.del(...keys);
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] });
  });

  const publish = async (envelopes: readonly AccountEventEnvelope[]) => {
    await producer.send({ topic, messages: envelopes.map((envelope) => encodeEnvelope(envelope)) });
  };

  const startNotifier = async (groupId = uniqueName('it-tu-notifier')) => {
    const notifier = new TradeUpdatesNotifier(kafka, registry, new DeadLetterPublisher(`${topic}.dlq`, new SystemClock()), producer, store, {
      groupId,
      topic,
    });
    await notifier.start();
    stoppers.push(() => notifier.stop());
    return notifier;
  };

  const startHub = async (options: Partial<typeof HUB> = {}) => {
    const hub = new TradeUpdatesHub(redis.duplicate(), store, { ...HUB, ...options });
    await hub.start();
    stoppers.push(() => hub.stop());
    return hub;
  };

  const summary = (sink: RecordingSseSink) =>
    sink.events.map((e) => `${e.id} ${e.event} ${(e.data as { order: { status: string } }).order.status}`);

  const tradedAccount = () => {
    const stream = new AccountStream(uniqueName('acct'));
    const envelopes = [
      ...stream.open(),
      ...stream.place('o-1', { type: 'market', limitPrice: null }),
      ...stream.acknowledge('o-1'),
      ...stream.fill('o-1', 'x-1', '4', '150.10'),
      ...stream.fill('o-1', 'x-2', '6', '150.20', true),
    ];
    return { stream, envelopes };
  };

  it('given a connected client, the notifier turns each order event into one SSE event, in order, with the seq as id', async () => {
    const hub = await startHub();
    const { stream, envelopes } = tradedAccount();
    const sink = new RecordingSseSink();
    await hub.attach(stream.accountId, sink, null);

    await startNotifier();
    await publish(envelopes);

    await eventually(() => expect(summary(sink)).toEqual(['2 pending_new pending_new', '3 new new', '4 partial_fill partially_filled', '5 fill filled']));
    expect(sink.events[3]?.data).toMatchObject({ event: 'fill', execution_id: 'x-2', price: '150.20', qty: '6', position_qty: '10' });
  });

  it('when events are redelivered (published twice, or re-read by a new group), no SSE event is sent twice', async () => {
    const hub = await startHub();
    const { stream, envelopes } = tradedAccount();
    const sink = new RecordingSseSink();
    await hub.attach(stream.accountId, sink, null);
    await startNotifier();
    await publish(envelopes);
    await eventually(() => expect(sink.events).toHaveLength(4));

    await publish(envelopes.slice(1));
    const later = stream.cancel('o-1'); // refused (filled): no update, but a marker that the redeliveries were consumed
    const next = [...stream.place('o-2'), ...stream.acknowledge('o-2')];
    await publish([...later, ...next]);
    await startNotifier(); // a second group reads the whole log again
    await eventually(() => expect(sink.events.map((e) => e.id)).toEqual(['2', '3', '4', '5', '7', '8']));

    expect(await redis.xlen(store.keys.stream(stream.accountId))).toBe(6);
  });

  it('two fan-out instances (two gateways) both deliver every update to their own clients', async () => {
    const [first, second] = [await startHub(), await startHub()];
    const { stream, envelopes } = tradedAccount();
    const [a, b] = [new RecordingSseSink(), new RecordingSseSink()];
    await first.attach(stream.accountId, a, null);
    await second.attach(stream.accountId, b, null);

    await startNotifier();
    await publish(envelopes);

    await eventually(() => expect(a.events.map((e) => e.id)).toEqual(['2', '3', '4', '5']));
    await eventually(() => expect(b.events.map((e) => e.id)).toEqual(['2', '3', '4', '5']));
  });

  it('a client that reconnects with Last-Event-ID gets what it missed, then live, with no gap or repeat; another account sees none of it', async () => {
    const hub = await startHub();
    const { stream, envelopes } = tradedAccount();
    const other = new RecordingSseSink();
    await hub.attach(uniqueName('other'), other, null);
    const first = new RecordingSseSink();
    await hub.attach(stream.accountId, first, null);
    await startNotifier();
    await publish(envelopes.slice(0, 3));
    await eventually(() => expect(first.events.map((e) => e.id)).toEqual(['2', '3']));

    first.hangUp();
    await publish(envelopes.slice(3));
    await eventually(async () => expect(await redis.xlen(store.keys.stream(stream.accountId))).toBe(4));
    const resumed = new RecordingSseSink();
    await hub.attach(stream.accountId, resumed, { seq: 3, index: 0 });
    await publish([...stream.place('o-2'), ...stream.cancel('o-2')]);

    await eventually(() => expect(summary(resumed)).toEqual(['4 partial_fill partially_filled', '5 fill filled', '6 pending_new pending_new', '7 pending_cancel pending_cancel']));
    expect(other.events).toEqual([]);
    expect(hub.connections).toBe(2);
  });

  it('a resume point older than the retention is told that updates were trimmed, then gets what is kept', async () => {
    const short = new TradeUpdatesStore(redis, store.keys, 10);
    const stream = new AccountStream(uniqueName('acct'));
    const notifier = new TradeUpdatesNotifier(kafka, registry, new DeadLetterPublisher(`${topic}.dlq`, new SystemClock()), producer, short, {
      groupId: uniqueName('unused'),
      topic,
    });
    for (const envelope of stream.open()) await notifier.notify(envelope);
    for (let n = 0; n < 150; n++) for (const envelope of stream.place(`o-${n}`)) await notifier.notify(envelope);
    const hub = await startHub();

    const sink = new RecordingSseSink();
    await hub.attach(stream.accountId, sink, { seq: 2, index: 0 });

    const [notice, ...kept] = sink.events;
    expect(notice).toMatchObject({ id: undefined, event: 'error', data: { code: 'TRADE_UPDATES.BACKLOG_TRIMMED' } });
    expect(kept.length).toBeGreaterThanOrEqual(10);
    expect(kept[kept.length - 1]?.id).toBe('151');
  });

  it('reads an account from Redis once, not per order or event (a new order cannot be there yet), and a second writer that got further makes it read again instead of overwriting', async () => {
    const stream = new AccountStream(uniqueName('acct'));
    const notify = (notifier: TradeUpdatesNotifier, envelopes: readonly AccountEventEnvelope[]) => Promise.all(envelopes.map((envelope) => notifier.notify(envelope)));
    const make = () =>
      new TradeUpdatesNotifier(kafka, registry, new DeadLetterPublisher(`${topic}.dlq`, new SystemClock()), producer, store, { groupId: uniqueName('unused'), topic });
    const [first, second] = [make(), make()];
    const reads = jest.spyOn(store, 'load');
    const opened = stream.open();
    const placed = [...stream.place('o-1'), ...stream.place('o-2')];
    const later = stream.cancel('o-1');

    const outcomes = [];
    for (const envelope of [...opened, ...placed]) outcomes.push(await first.notify(envelope));
    const readsByFirst = reads.mock.calls.length;
    await notify(second, later);
    for (const envelope of [...placed, ...later]) outcomes.push(await first.notify(envelope));

    expect(readsByFirst).toBe(1);
    expect(outcomes.filter((outcome) => outcome === 'published')).toHaveLength(placed.length);
    expect(outcomes.slice(opened.length + placed.length).every((outcome) => outcome === 'duplicate')).toBe(true);
    // one entry per event, each written once: the first instance's stale append was refused
    const written = (await store.readAfter(stream.accountId, { seq: 0, index: 0 }, 100)).entries.map((entry) => entry.position.seq);
    expect(written).toEqual([...placed, ...later].map((envelope) => envelope.seq));
  });

  it('given a batch of events, their appends go to Redis in one round trip, and an order it must read is read only after what the batch folded is written', async () => {
    const stream = new AccountStream(uniqueName('acct'));
    const notifier = new TradeUpdatesNotifier(kafka, registry, new DeadLetterPublisher(`${topic}.dlq`, new SystemClock()), producer, store, {
      groupId: uniqueName('unused'),
      topic,
    });
    const appends = jest.spyOn(store, 'appendAll');
    const reads = jest.spyOn(store, 'load');
    stream.open();
    const unseen = stream.place('o-9'); // never notified: Redis cannot know o-9
    const batch = [...stream.place('o-1'), ...stream.place('o-2'), ...stream.acknowledge('o-9'), ...stream.acknowledge('o-1')];

    const outcomes = await notifier.notifyAll(batch.map((envelope) => ({ envelope })));

    expect(unseen).toHaveLength(1);
    expect(outcomes).toEqual(['published', 'published', 'inconsistent', 'published']);
    // the account; o-9 after the two placements were written; o-1 again, as an event it could not
    // fold leaves nothing of the account known here, and Redis then has o-1
    expect(reads.mock.calls.map(([, orderIds]) => orderIds)).toEqual([['o-1'], ['o-9'], ['o-1']]);
    expect(appends.mock.calls.map(([sent]) => sent.map((append) => append.seq))).toEqual([
      [batch[0]?.seq, batch[1]?.seq],
      [batch[3]?.seq],
    ]);
    const written = (await store.readAfter(stream.accountId, { seq: 0, index: 0 }, 100)).entries.map((entry) => `${entry.position.seq} ${entry.event}`);
    expect(written).toEqual([`${batch[0]?.seq} pending_new`, `${batch[1]?.seq} pending_new`, `${batch[3]?.seq} new`]);
  });

  it('heartbeats reach every client from one timer, and a client that stops reading is disconnected', async () => {
    const hub = await startHub({ heartbeatMs: 100 });
    const [reader, stalled] = [new RecordingSseSink(), new RecordingSseSink()];
    const accountId = uniqueName('acct');
    await hub.attach(accountId, reader, null);
    await hub.attach(accountId, stalled, null);

    await eventually(() => expect(reader.comments.filter((c) => c === 'heartbeat').length).toBeGreaterThanOrEqual(2));
    stalled.bufferedBytes = HUB.maxBufferedBytes + 1;
    await eventually(() => expect(stalled.closed).toBe(true));

    expect(reader.closed).toBe(false);
    expect(hub.connections).toBe(1);
  });
});
