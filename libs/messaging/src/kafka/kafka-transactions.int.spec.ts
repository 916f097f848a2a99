import { createTopicsAndWait } from '../topics/create-topics';
import { eventually, testConfig, uniqueName } from '@trading/testing';
import { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import { createKafkaClient } from './kafka-client.factory';

/** The exactly-once building blocks the OMS relies on, proven against the real broker. */
describe('Kafka transactions (real broker)', () => {
  const config = testConfig();
  let kafka: Kafka;
  let admin: Admin;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    kafka = createKafkaClient({ clientId: uniqueName('it-tx'), brokers: config.KAFKA_BROKERS, logLevel: config.KAFKA_LOG_LEVEL });
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await admin.disconnect();
  });

  async function topic(partitions = 1): Promise<string> {
    const name = uniqueName('it.tx');
    await createTopicsAndWait(admin, [{ topic: name, numPartitions: partitions }]);
    closers.push(() => admin.deleteTopics({ topics: [name] }));
    return name;
  }

  async function transactionalProducer(): Promise<Producer> {
    const producer = kafka.producer({
      transactionalId: uniqueName('it-tx-producer'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    closers.push(() => producer.disconnect());
    return producer;
  }

  async function readCommitted(topicName: string, expected: number): Promise<string[]> {
    const consumer: Consumer = kafka.consumer({ groupId: uniqueName('it-tx-reader'), readUncommitted: false });
    await consumer.connect();
    closers.push(() => consumer.disconnect());
    await consumer.subscribe({ topic: topicName, fromBeginning: true });
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`saw only ${JSON.stringify(seen)}`)), 30_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          seen.push(String(message.value));
          if (seen.length >= expected) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    return seen;
  }

  it('shows a read-committed consumer only what committed transactions wrote', async () => {
    const name = await topic();
    const producer = await transactionalProducer();

    const aborted = await producer.transaction();
    await aborted.send({ topic: name, messages: [{ key: 'a', value: 'aborted-1' }, { key: 'a', value: 'aborted-2' }] });
    await aborted.abort();

    const committed = await producer.transaction();
    await committed.send({ topic: name, messages: [{ key: 'a', value: 'committed-1' }] });
    await committed.send({ topic: name, messages: [{ key: 'a', value: 'committed-2' }] });
    await committed.commit();

    // a marker written after, so the reader knows it has seen everything before it
    const marker = await producer.transaction();
    await marker.send({ topic: name, messages: [{ key: 'a', value: 'end' }] });
    await marker.commit();

    expect(await readCommitted(name, 3)).toEqual(['committed-1', 'committed-2', 'end']);
  });

  it('commits consumed offsets atomically with the records produced from them', async () => {
    const input = await topic();
    const output = await topic();
    const groupId = uniqueName('it-tx-processor');
    const seed = kafka.producer({ idempotent: true });
    await seed.connect();
    closers.push(() => seed.disconnect());
    await seed.send({ topic: input, messages: [{ value: 'one' }, { value: 'two' }, { value: 'three' }] });

    const producer = await transactionalProducer();
    const transaction = await producer.transaction();
    await transaction.send({ topic: output, messages: [{ value: 'ONE' }, { value: 'TWO' }] });
    await transaction.sendOffsets({ consumerGroupId: groupId, topics: [{ topic: input, partitions: [{ partition: 0, offset: '2' }] }] });
    await transaction.commit();

    // the coordinator writes the offsets once the commit markers are in: visible shortly after
    await eventually(async () => {
      const offsets = await admin.fetchOffsets({ groupId, topics: [input] });
      expect(offsets[0]?.partitions).toEqual([expect.objectContaining({ partition: 0, offset: '2' })]);
    });
    expect(await readCommitted(output, 2)).toEqual(['ONE', 'TWO']);
  });

  it('fences the older producer when a new one takes the same transactional id', async () => {
    const name = await topic();
    const transactionalId = uniqueName('it-tx-fenced');
    const zombie = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 });
    await zombie.connect();
    closers.push(() => zombie.disconnect());
    const zombieTx = await zombie.transaction();
    await zombieTx.send({ topic: name, messages: [{ value: 'zombie' }] });

    const successor = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 });
    await successor.connect();
    closers.push(() => successor.disconnect());
    const successorTx = await successor.transaction();
    await successorTx.send({ topic: name, messages: [{ value: 'successor' }] });
    await successorTx.commit();

    await expect(zombieTx.commit()).rejects.toThrow(/fenced|epoch|INVALID_PRODUCER_EPOCH|PRODUCER_FENCED/i);
    expect(await readCommitted(name, 1)).toEqual(['successor']);
  });

  it('looks the coordinators up once for a run of transactions, not before every request', async () => {
    const name = await topic();
    const producer = await transactionalProducer();
    const lookups: string[] = [];
    producer.on(producer.events.REQUEST, ({ payload }) => {
      if (payload.apiName === 'GroupCoordinator') lookups.push(payload.apiName);
    });

    const group = uniqueName('it-tx-group');
    const started = Date.now();
    for (let i = 0; i < 10; i++) {
      const transaction = await producer.transaction();
      await transaction.send({ topic: name, messages: [{ value: `tx-${i}` }] });
      await transaction.sendOffsets({ consumerGroupId: group, topics: [{ topic: name, partitions: [{ partition: 0, offset: String(i) }] }] });
      await transaction.commit();
    }
    const seconds = Math.ceil((Date.now() - started) / 1000);

    // at most one lookup per coordinator (the transaction's, the group's) and second; uncached,
    // kafkajs makes four per transaction
    expect(lookups.length).toBeLessThanOrEqual(2 * (seconds + 1));
    expect(lookups.length).toBeLessThan(40);
    expect(await readCommitted(name, 10)).toEqual(Array.from({ length: 10 }, (_, i) => `tx-${i}`));
  });
});
