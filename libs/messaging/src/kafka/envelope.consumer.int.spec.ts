import { createTopicsAndWait } from '../topics/create-topics';
import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { eventually, testConfig, uniqueName } from '@trading/testing';
import { Admin, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { z } from 'zod';
import { EventEnvelope } from '../envelope/event-envelope';
import { defineMessage } from '../registry/message-definition';
import { MessageRegistry } from '../registry/message-registry';
import { SystemClock } from '../runtime/system.clock';
import { DEAD_LETTER_HEADER, DeadLetterPublisher } from './dead-letter.publisher';
import { encodeEnvelope, headerText } from './envelope.codec';
import { EnvelopeConsumer } from './envelope.consumer';
import { createKafkaClient } from './kafka-client.factory';

const priceSet = defineMessage({
  type: 'PriceSet',
  schemaVersion: 2,
  payload: z.strictObject({ symbol: z.string(), price: z.string().regex(/^\d+(\.\d+)?$/) }),
  upcasters: { 1: (p) => ({ symbol: (p as { s: string }).s, price: String((p as { p: number }).p) }) },
});

const envelope = (seq: number, overrides: Partial<EventEnvelope> = {}): EventEnvelope => ({
  eventId: `019a9b2e-4c1d-7a3e-8f00-${String(seq).padStart(12, '0')}`,
  type: 'PriceSet',
  schemaVersion: 2,
  accountId: 'acc-1',
  streamId: 'prices',
  seq,
  occurredAt: '2026-11-22T10:00:00.000Z',
  correlationId: `c-${seq}`,
  causationId: null,
  payload: { symbol: 'AAPL', price: `${100 + seq}.25` },
  ...overrides,
});

describe('EnvelopeConsumer (real broker)', () => {
  const config = testConfig();
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let source: string;
  let deadLetterTopic: string;
  let consumer: EnvelopeConsumer | undefined;

  beforeAll(async () => {
    kafka = createKafkaClient({ clientId: uniqueName('it-consumer'), brokers: config.KAFKA_BROKERS, logLevel: config.KAFKA_LOG_LEVEL });
    admin = kafka.admin();
    await admin.connect();
    source = uniqueName('it.source');
    deadLetterTopic = uniqueName('it.dead-letters');
    await createTopicsAndWait(admin, [{ topic: source, numPartitions: 2 }, { topic: deadLetterTopic, numPartitions: 1 }],);
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
  });

  afterEach(async () => {
    await consumer?.stop();
    consumer = undefined;
  });

  afterAll(async () => {
    await producer.disconnect();
    await admin.deleteTopics({ topics: [source, deadLetterTopic] });
    await admin.disconnect();
  });

  it('hands valid messages on, upcast and in their trace, and parks the rest with the reason', async () => {
    const received: { envelope: EventEnvelope; traceId: string | undefined }[] = [];
    const registry = new MessageRegistry().register(priceSet);
    const groupId = uniqueName('it-consumer-group');
    consumer = new EnvelopeConsumer(kafka, registry, new DeadLetterPublisher(deadLetterTopic, new SystemClock()), producer, {
      groupId,
      topics: [source],
      fromBeginning: true,
      handler: async (records) => {
        for (const record of records) received.push({ envelope: record.envelope, traceId: record.inSpan((spanContext) => trace.getSpanContext(spanContext)?.traceId) });
      },
    });
    const traced = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
    });

    await producer.send({
      topic: source,
      messages: [
        encodeEnvelope(envelope(1), { traceContext: traced }),
        { key: 'acc-1', value: 'this is not json' },
        encodeEnvelope(envelope(2, { type: 'SomethingElse' })),
        encodeEnvelope(envelope(3, { schemaVersion: 1, payload: { s: 'MSFT', p: 410.5 } })),
        encodeEnvelope(envelope(4, { payload: { symbol: 'AAPL', price: 'free' } })),
        encodeEnvelope(envelope(5)),
      ],
    });
    await consumer.start();

    await eventually(() => expect(received).toHaveLength(3));
    expect(received.map((r) => r.envelope.seq)).toEqual([1, 3, 5]);
    expect(received[0]?.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(received[1]?.envelope).toMatchObject({ schemaVersion: 2, payload: { symbol: 'MSFT', price: '410.5' } });

    const parked = await readAll(deadLetterTopic, 3);
    expect(parked.map((m) => headerText(m.headers, DEAD_LETTER_HEADER.code))).toEqual([
      'MESSAGING.MALFORMED_JSON',
      'MESSAGING.UNKNOWN_TYPE',
      'MESSAGING.INVALID_PAYLOAD',
    ]);
    expect(String(parked[0]?.value)).toBe('this is not json');
    expect(parked[0]?.key?.toString()).toBe('acc-1');
    expect(headerText(parked[0]?.headers, DEAD_LETTER_HEADER.sourceTopic)).toBe(source);
    expect(headerText(parked[0]?.headers, DEAD_LETTER_HEADER.consumerGroup)).toBe(groupId);
    expect(headerText(parked[2]?.headers, DEAD_LETTER_HEADER.reason)).toMatch(/price/);
  });

  it('given a batch handler that fails once, when the batch is handed again, then it gets the valid records in order, each in its trace, and parks an invalid one once', async () => {
    const batchSource = uniqueName('it.batch-source');
    const batchDeadLetters = uniqueName('it.batch-dead-letters');
    await createTopicsAndWait(admin, [{ topic: batchSource, numPartitions: 1 }, { topic: batchDeadLetters, numPartitions: 1 }]);
    const calls: { seqs: number[]; traceIds: (string | undefined)[] }[] = [];
    consumer = new EnvelopeConsumer(kafka, new MessageRegistry().register(priceSet), new DeadLetterPublisher(batchDeadLetters, new SystemClock()), producer, {
      groupId: uniqueName('it-batch-group'),
      topics: [batchSource],
      fromBeginning: true,
      handler: async (records) => {
        calls.push({
          seqs: records.map((record) => record.envelope.seq),
          traceIds: records.map((record) => record.inSpan((spanContext) => trace.getSpanContext(spanContext)?.traceId)),
        });
        if (calls.length === 1) throw new Error('Redis is down');
      },
    });
    const traced = trace.setSpanContext(ROOT_CONTEXT, { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED });
    await producer.send({
      topic: batchSource,
      messages: [encodeEnvelope(envelope(1), { traceContext: traced }), { key: 'acc-1', value: 'this is not json' }, encodeEnvelope(envelope(2)), encodeEnvelope(envelope(3))],
    });

    try {
      await consumer.start();

      await eventually(() => expect(calls.slice(1).flatMap((call) => call.seqs)).toEqual([1, 2, 3]));
      expect(calls[0]?.seqs).toEqual([1, 2, 3]);
      expect(calls[1]?.traceIds[0]).toBe('0af7651916cd43dd8448eb211c80319c');
      const [parked] = await readAll(batchDeadLetters, 1);
      expect(String(parked?.value)).toBe('this is not json');
      const ends = await admin.fetchTopicOffsets(batchDeadLetters);
      expect(ends.map((end) => Number(end.high) - Number(end.low))).toEqual([1]);
    } finally {
      await consumer.stop();
      await admin.deleteTopics({ topics: [batchSource, batchDeadLetters] });
    }
  });

  async function readAll(topic: string, count: number): Promise<KafkaMessage[]> {
    const reader = kafka.consumer({ groupId: uniqueName('it-dlq-reader') });
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: true });
    const messages: KafkaMessage[] = [];
    await reader.run({ eachMessage: async ({ message }) => void messages.push(message) });
    try {
      await eventually(() => expect(messages).toHaveLength(count));
      return messages;
    } finally {
      await reader.disconnect();
    }
  }
});
