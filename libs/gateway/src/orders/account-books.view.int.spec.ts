import { TRADING_MESSAGES } from '@trading/contracts';
import { ACCOUNT_BOOK_EVENT_VERSIONS, AccountBookCommand, AccountBookState, accountBookDecider } from '@trading/domain';
import {
  CommittedOutputsFeed,
  createKafkaClient,
  createTopicsAndWait,
  encodeEnvelope,
  EnvelopeFactory,
  EventEnvelope,
  MessageRegistry,
  SystemClock,
  UuidV7IdGenerator,
} from '@trading/messaging';
import { eventually, testConfig, uniqueName } from '@trading/testing';
import { Admin, Kafka, Producer } from 'kafkajs';
import { AccountBooksView } from './account-books.view';

const ACCOUNT = 'acc-view-1';
const AT = '2026-12-01T15:00:00.000Z';

describe('AccountBooksView beside an OMS in the same process (real broker)', () => {
  const config = testConfig();
  const factory = new EnvelopeFactory(new UuidV7IdGenerator(), new SystemClock());
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let topic: string;
  let feed: CommittedOutputsFeed;
  let view: AccountBooksView;

  beforeEach(async () => {
    kafka = createKafkaClient({ clientId: uniqueName('it-view'), brokers: config.KAFKA_BROKERS, logLevel: config.KAFKA_LOG_LEVEL });
    admin = kafka.admin();
    await admin.connect();
    topic = uniqueName('it.view.order-events');
    await createTopicsAndWait(admin, [{ topic, numPartitions: 1 }]);
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
    feed = new CommittedOutputsFeed();
    view = new AccountBooksView(kafka, new MessageRegistry().register(...TRADING_MESSAGES), topic, feed, 'batched');
    await view.start();
    await view.ready();
  });

  afterEach(async () => {
    await view.stop();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] });
    await admin.disconnect();
  });

  /** The decider's events for `commands`, as the OMS would append them: seq per account stream, caused by each command. */
  const decide = (commands: readonly AccountBookCommand[]): { commands: EventEnvelope[]; events: EventEnvelope[] } => {
    let state: AccountBookState = accountBookDecider.initialState();
    let seq = 0;
    const commandEnvelopes: EventEnvelope[] = [];
    const events: EventEnvelope[] = [];
    for (const command of commands) {
      const commandEnvelope = factory.create({ type: command.type, schemaVersion: 1, accountId: ACCOUNT, streamId: 'commands', seq: 0, payload: {} });
      commandEnvelopes.push(commandEnvelope);
      for (const event of accountBookDecider.decide(command, state)) {
        state = accountBookDecider.evolve(state, event);
        seq += 1;
        events.push(
          factory.create({
            type: event.type,
            schemaVersion: ACCOUNT_BOOK_EVENT_VERSIONS[event.type],
            accountId: ACCOUNT,
            streamId: `account-${ACCOUNT}`,
            seq,
            payload: event,
            causedBy: commandEnvelope,
          }),
        );
      }
    }
    return { commands: commandEnvelopes, events };
  };

  const open = (): AccountBookCommand => ({
    type: 'OpenAccount',
    accountId: ACCOUNT,
    startingCash: '100000',
    metadata: { commandId: 'open', correlationId: 'open', at: AT },
  });

  /** Each with its own quantity: the duplicate-order guard would refuse the same order twice. */
  const place = (orderId: string, qty: string): AccountBookCommand => ({
    type: 'PlaceOrder',
    accountId: ACCOUNT,
    request: { symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'day', qty, notional: null, limitPrice: '150.00', stopPrice: null, clientOrderId: `client-${orderId}` },
    context: { referencePrice: { symbol: 'AAPL', price: '150.00', at: AT, source: 'test' }, globalTradingState: 'ACTIVE' },
    metadata: { commandId: `place-${orderId}`, correlationId: `place-${orderId}`, at: AT, orderId },
  });

  const append = (events: readonly EventEnvelope[]) => producer.send({ topic, messages: events.map((event) => encodeEnvelope(event)) });

  it('answers a decision it hears committed before the log has it, and skips the log copy of what it applied', async () => {
    const { commands, events } = decide([open(), place('o-1', '1'), place('o-2', '2')]);
    const [opened, placed1, placed2] = events as [EventEnvelope, EventEnvelope, EventEnvelope];
    const waiting = view.decisionFor(commands[1]?.eventId ?? '', 10_000);

    feed.publish(topic, [opened, placed1]);

    expect(await waiting).toEqual(placed1);
    expect(view.lastSeq(ACCOUNT)).toBe(2);
    expect(view.order(ACCOUNT, 'o-1')?.status).toBe('pending_new');

    // the same events through the log, then one the OMS of this process did not tell
    await append([opened, placed1, placed2]);

    await eventually(() => expect(view.lastSeq(ACCOUNT)).toBe(3), { timeoutMs: 15_000 });
    expect(view.orders(ACCOUNT).map((order) => order.orderId)).toEqual(['o-1', 'o-2']);
  });

  it('leaves a committed event whose stream has an earlier one still on its way to the log, and takes it from the log in order', async () => {
    const { commands, events } = decide([open(), place('o-1', '1'), place('o-2', '2')]);
    const [opened, placed1, placed2] = events as [EventEnvelope, EventEnvelope, EventEnvelope];
    feed.publish(topic, [opened]);
    const early = view.decisionFor(commands[2]?.eventId ?? '', 300);

    feed.publish(topic, [placed2]);

    expect(await early).toBeNull();
    expect(view.lastSeq(ACCOUNT)).toBe(1);
    const fromLog = view.decisionFor(commands[2]?.eventId ?? '', 15_000);
    await append([opened, placed1, placed2]);
    expect(await fromLog).toEqual(placed2);
    expect(view.orders(ACCOUNT).map((order) => order.orderId)).toEqual(['o-1', 'o-2']);
  });
});
