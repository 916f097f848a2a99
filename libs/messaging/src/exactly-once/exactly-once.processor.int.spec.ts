import { createTopicsAndWait } from '../topics/create-topics';
import { eventually, testConfig, uniqueName } from '@trading/testing';
import { Admin, Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { z } from 'zod';
import { EnvelopeFactory } from '../envelope/envelope.factory';
import { EventEnvelope } from '../envelope/event-envelope';
import { DeadLetterPublisher } from '../kafka/dead-letter.publisher';
import { encodeEnvelope } from '../kafka/envelope.codec';
import { createKafkaClient } from '../kafka/kafka-client.factory';
import { defineMessage } from '../registry/message-definition';
import { MessageRegistry } from '../registry/message-registry';
import { SystemClock } from '../runtime/system.clock';
import { UuidV7IdGenerator } from '../runtime/uuid-v7.id-generator';
import { CommittedOutputsFeed } from './committed-outputs.feed';
import { ExactlyOnceProcessor } from './exactly-once.processor';
import { PartitionProgram } from './partition-program';

const increment = defineMessage({ type: 'Increment', schemaVersion: 1, payload: z.strictObject({ by: z.number().int() }) });
const incremented = defineMessage({
  type: 'Incremented',
  schemaVersion: 1,
  payload: z.strictObject({ by: z.number().int(), total: z.number().int(), input: z.string() }),
});

type Counters = ReadonlyMap<string, { seq: number; total: number }>;

/** A counter per account: enough state to see a lost, doubled or reordered decision. */
function counterProgram(factory: EnvelopeFactory): PartitionProgram<Counters> {
  return {
    initialState: () => new Map(),
    replay: (state, event) => {
      const { total } = event.payload as { total: number };
      return new Map(state).set(event.accountId, { seq: event.seq, total });
    },
    process: (state, input) => {
      const current = state.get(input.accountId) ?? { seq: 0, total: 0 };
      const { by } = input.payload as { by: number };
      const next = { seq: current.seq + 1, total: current.total + by };
      const output = factory.create({
        type: 'Incremented',
        schemaVersion: 1,
        accountId: input.accountId,
        streamId: `counter-${input.accountId}`,
        seq: next.seq,
        payload: { by, total: next.total, input: input.eventId },
        causedBy: input,
      });
      return { state: new Map(state).set(input.accountId, next), outputs: [output] };
    },
  };
}

describe('ExactlyOnceProcessor (real broker)', () => {
  const config = testConfig();
  const factory = new EnvelopeFactory(new UuidV7IdGenerator(), new SystemClock());
  const registry = new MessageRegistry().register(increment, incremented);
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let topics: { input: string; output: string; dlq: string };
  const running: ExactlyOnceProcessor<Counters>[] = [];

  beforeEach(async () => {
    kafka = createKafkaClient({ clientId: uniqueName('it-eos'), brokers: config.KAFKA_BROKERS, logLevel: config.KAFKA_LOG_LEVEL });
    admin = kafka.admin();
    await admin.connect();
    const base = uniqueName('it.eos');
    topics = { input: `${base}.in`, output: `${base}.out`, dlq: `${base}.dlq` };
    await createTopicsAndWait(admin, [
        { topic: topics.input, numPartitions: 3 },
        { topic: topics.output, numPartitions: 3 },
        { topic: topics.dlq, numPartitions: 1 },
      ],);
    // idempotent: a retried send must not write the inputs twice (the count of decisions is the assertion)
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
  });

  afterEach(async () => {
    for (const processor of running.splice(0)) await processor.stop();
    await producer.disconnect();
    await admin.deleteTopics({ topics: Object.values(topics) });
    await admin.disconnect();
  });

  const processor = (
    groupId: string,
    txPrefix: string,
    limits: { maxInputsPerTransaction?: number; maxQueuedInputs?: number; offsetsCommitIntervalMs?: number; committedOutputs?: CommittedOutputsFeed } = {},
    program: PartitionProgram<Counters> = counterProgram(factory),
  ) => {
    const instance = new ExactlyOnceProcessor(kafka, registry, new DeadLetterPublisher(topics.dlq, new SystemClock()), program, {
      groupId,
      inputTopics: [topics.input],
      outputTopic: topics.output,
      transactionalIdPrefix: txPrefix,
      ...limits,
    });
    running.push(instance);
    return instance;
  };

  const stopOne = async (instance: ExactlyOnceProcessor<Counters>) => {
    running.splice(running.indexOf(instance), 1);
    await instance.stop();
  };

  const send = async (count: number, accounts: number, from = 0) => {
    const messages = Array.from({ length: count }, (_, i) => {
      const n = from + i;
      return encodeEnvelope(
        factory.create({ type: 'Increment', schemaVersion: 1, accountId: `acc-${n % accounts}`, streamId: 'cmd', seq: 0, payload: { by: n } }),
      );
    });
    await producer.send({ topic: topics.input, messages });
  };

  const readOutputs = async (expected: number): Promise<EventEnvelope[]> => {
    const reader = kafka.consumer({ groupId: uniqueName('it-eos-reader') });
    await reader.connect();
    await reader.subscribe({ topic: topics.output, fromBeginning: true });
    const seen: EventEnvelope[] = [];
    await reader.run({
      eachMessage: async ({ message }: { message: KafkaMessage }) => {
        const decoded = registry.decode(message.value);
        if (decoded.ok) seen.push(decoded.envelope);
      },
    });
    try {
      await eventually(() => expect(seen.length).toBeGreaterThanOrEqual(expected), { timeoutMs: 45_000 });
      await new Promise((resolve) => setTimeout(resolve, 500)); // anything extra would show up now
      return seen;
    } finally {
      await reader.disconnect();
    }
  };

  /** Every input decided exactly once, and each account's stream gapless and in order. */
  const expectExactlyOnce = (outputs: EventEnvelope[], inputs: number, accounts: number) => {
    expect(outputs).toHaveLength(inputs);
    expect(new Set(outputs.map((o) => (o.payload as { input: string }).input)).size).toBe(inputs);
    for (let a = 0; a < accounts; a++) {
      const stream = outputs.filter((o) => o.accountId === `acc-${a}`);
      expect(stream.map((o) => o.seq)).toEqual(stream.map((_, i) => i + 1));
      const sum = stream.reduce((total, o) => total + (o.payload as { by: number }).by, 0);
      expect((stream.at(-1)?.payload as { total: number }).total).toBe(sum);
    }
  };

  it('decides every input once, and a new instance rebuilds the state from the log and carries on', async () => {
    const groupId = uniqueName('it-eos-group');
    const txPrefix = uniqueName('it-eos-tx');
    const first = processor(groupId, txPrefix);
    await first.start();
    await send(60, 7);
    await readOutputs(60);
    await stopOne(first);

    await send(40, 7, 60);
    await processor(groupId, txPrefix).start();

    expectExactlyOnce(await readOutputs(100), 100, 7);
  });

  it('hands partitions over between instances under load without losing or doubling a decision', async () => {
    const groupId = uniqueName('it-eos-group');
    const txPrefix = uniqueName('it-eos-tx');
    const a = processor(groupId, txPrefix);
    await a.start();
    await send(100, 5);
    const b = processor(groupId, txPrefix);
    await b.start();
    await send(100, 5, 100);
    await eventually(() => expect(b.ownedPartitions().length).toBeGreaterThan(0), { timeoutMs: 30_000 });
    await stopOne(a);
    await send(100, 5, 200);

    expectExactlyOnce(await readOutputs(300), 300, 5);
  });

  it('decides a backlog larger than its queue in many small transactions, each input once and in order', async () => {
    await send(400, 4);
    await processor(uniqueName('it-eos-group'), uniqueName('it-eos-tx'), { maxInputsPerTransaction: 7, maxQueuedInputs: 20 }).start();

    expectExactlyOnce(await readOutputs(400), 400, 4);
  });

  it('skips inputs it is handed again below the committed offsets, as a rebalance can do, instead of deciding them twice', async () => {
    const groupId = uniqueName('it-eos-group');
    const txPrefix = uniqueName('it-eos-tx');
    const first = processor(groupId, txPrefix);
    await first.start();
    await send(30, 5);
    await readOutputs(30);
    await stopOne(first);
    const second = processor(groupId, txPrefix);
    await second.start();
    await eventually(() => expect(second.isReady() && second.ownedPartitions()).toEqual([0, 1, 2]), { timeoutMs: 30_000 });
    // a rebalance re-fetches the group's offsets; one fetched before the previous owner's last
    // commit landed puts the consumer behind what is decided: here, all the way back
    const rewind = () => {
      const consumer = (second as unknown as { consumer: Consumer }).consumer;
      for (const partition of [0, 1, 2]) consumer.seek({ topic: topics.input, partition, offset: '0' });
    };

    rewind();
    await send(10, 5, 30);
    await readOutputs(40);
    rewind();
    await send(10, 5, 40);

    expectExactlyOnce(await readOutputs(50), 50, 5);
  });

  /** The group's committed offsets of the input topic, summed over its partitions. */
  const committedTotal = async (groupId: string): Promise<number> => {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topics.input] });
    return (committed?.partitions ?? []).reduce((sum, { offset }) => sum + Math.max(0, Number(offset)), 0);
  };

  it('takes what was consumed from the log of record when the group offsets lag behind it, and decides nothing twice', async () => {
    const groupId = uniqueName('it-eos-group');
    const txPrefix = uniqueName('it-eos-tx');
    const first = processor(groupId, txPrefix, { offsetsCommitIntervalMs: 3_600_000 });
    await first.start();
    await send(30, 5);
    await readOutputs(30);
    await send(30, 5, 30);
    await readOutputs(60);
    await stopOne(first);
    // only each partition's first transaction committed the group's offsets
    const lagging = await committedTotal(groupId);

    await send(20, 5, 60);
    await processor(groupId, txPrefix).start();

    expect(lagging).toBeGreaterThan(0);
    expect(lagging).toBeLessThanOrEqual(30);
    expectExactlyOnce(await readOutputs(80), 80, 5);
  });

  it('commits the group offsets of a partition gone quiet once the interval has passed, so the group shows how far it decided', async () => {
    const groupId = uniqueName('it-eos-group');
    await processor(groupId, uniqueName('it-eos-tx'), { offsetsCommitIntervalMs: 2_000 }).start();

    // one at a time: many transactions within the interval, only each partition's first commits the offsets
    for (let n = 0; n < 30; n++) {
      await send(1, 5, n);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await readOutputs(30);

    await eventually(async () => expect(await committedTotal(groupId)).toBe(30), { timeoutMs: 10_000 });
  });

  /** A started instance owning every partition, and the partitions it has taken over so far. */
  const owningAll = async (committedOutputs?: CommittedOutputsFeed) => {
    const taken: number[] = [];
    const instance = processor(uniqueName('it-eos-group'), uniqueName('it-eos-tx'), committedOutputs ? { committedOutputs } : {}, {
      ...counterProgram(factory),
      onPartitionOwned: (partition) => void taken.push(partition),
    });
    await instance.start();
    await eventually(() => expect(instance.isReady() && instance.ownedPartitions()).toEqual([0, 1, 2]), { timeoutMs: 30_000 });
    return { instance, taken };
  };

  /** The first `times` calls of `step` in the owners' transactions throw `message`; returns how many did. */
  const failTransactions = (instance: ExactlyOnceProcessor<Counters>, step: 'send' | 'sendOffsets', times: number, message: string) => {
    const injected = { count: 0 };
    const owners = (instance as unknown as { owners: Map<number, { producer: Producer }> }).owners;
    for (const { producer: owned } of owners.values()) {
      const transaction = owned.transaction.bind(owned);
      owned.transaction = async () => {
        const opened = await transaction();
        const real = opened[step].bind(opened) as (...args: unknown[]) => Promise<unknown>;
        (opened as unknown as Record<string, unknown>)[step] = async (...args: unknown[]) => {
          if (injected.count < times) {
            injected.count += 1;
            throw new Error(message);
          }
          return real(...args);
        };
        return opened;
      };
    }
    return injected;
  };

  it('retries a transaction that failed adding its offsets in place, without taking the partition over again', async () => {
    const { instance, taken } = await owningAll();
    // the broker's CONCURRENT_TRANSACTIONS on AddOffsetsToTxn, which kafkajs does not retry there
    const injected = failTransactions(instance, 'sendOffsets', 2, 'injected: another concurrent operation on the same transaction was ongoing');

    await send(30, 5);

    expectExactlyOnce(await readOutputs(30), 30, 5);
    expect(injected.count).toBe(2);
    expect(taken.sort()).toEqual([0, 1, 2]);
  });

  it('takes the partition over again when a produce of the transaction failed, as it may have been appended, and still decides each input once', async () => {
    const { instance, taken } = await owningAll();
    const injected = failTransactions(instance, 'send', 1, 'injected: request timed out');

    await send(30, 5);

    expectExactlyOnce(await readOutputs(30), 30, 5);
    expect(injected.count).toBe(1);
    expect(taken.length).toBe(4);
  });

  it('tells in-process listeners what each transaction committed, in log order, and nothing of an aborted one', async () => {
    const feed = new CommittedOutputsFeed();
    const heard: EventEnvelope[] = [];
    feed.subscribe(topics.output, (outputs) => heard.push(...outputs));
    const { instance } = await owningAll(feed);
    failTransactions(instance, 'send', 1, 'injected: request timed out');

    await send(30, 5);
    const logged = await readOutputs(30);

    expect(heard.map((o) => o.eventId).sort()).toEqual(logged.map((o) => o.eventId).sort());
    for (let a = 0; a < 5; a++) {
      const stream = heard.filter((o) => o.accountId === `acc-${a}`);
      expect(stream.map((o) => o.seq)).toEqual(stream.map((_, i) => i + 1));
    }
  });

  it('parks an input it cannot read, inside the same transaction, and goes on', async () => {
    const dlqSeen: KafkaMessage[] = [];
    await processor(uniqueName('it-eos-group'), uniqueName('it-eos-tx')).start();
    await producer.send({ topic: topics.input, messages: [{ key: 'acc-0', value: '{"not":"an envelope"}' }] });
    await send(3, 1);

    const outputs = await readOutputs(3);
    const reader = kafka.consumer({ groupId: uniqueName('it-eos-dlq') });
    await reader.connect();
    await reader.subscribe({ topic: topics.dlq, fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void dlqSeen.push(message) });
    await eventually(() => expect(dlqSeen).toHaveLength(1));
    await reader.disconnect();

    expect(outputs.map((o) => o.seq)).toEqual([1, 2, 3]);
    expect(String(dlqSeen[0]?.value)).toBe('{"not":"an envelope"}');
  });
});
