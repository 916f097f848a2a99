/**
 * Child process of the two-hop baseline: consumes requests and produces one reply per request,
 * a batch at a time (as the OMS consumes commands and appends decisions), with an idempotent
 * producer and `acks: -1`, no transaction, no decoding, no decision.
 *
 * Environment: BENCH_KAFKA_BROKERS, BENCH_TOPIC_PREFIX, BENCH_GROUP_ID.
 */
import { createKafkaClient } from '@trading/messaging';
import { RESPONDER_READY, twoHopTopics } from './two-hop.protocol';

async function main(): Promise<void> {
  const brokers = (process.env.BENCH_KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const topics = twoHopTopics(process.env.BENCH_TOPIC_PREFIX ?? '');
  const kafka = createKafkaClient({ clientId: 'bench-two-hop-responder', brokers, logLevel: 'error' });
  // the OMS's settings: one idempotent writer per partition owner, 100 ms fetch wait
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: process.env.BENCH_GROUP_ID ?? 'bench-two-hop', maxWaitTimeInMs: 100 });
  await producer.connect();
  await consumer.connect();
  consumer.on(consumer.events.GROUP_JOIN, () => process.stdout.write(`${RESPONDER_READY}\n`));
  await consumer.subscribe({ topic: topics.requests, fromBeginning: true });
  await consumer.run({
    eachBatchAutoResolve: false,
    eachBatch: async (payload) => {
      const { batch } = payload;
      if (batch.messages.length === 0 || !payload.isRunning() || payload.isStale()) return;
      const replies = batch.messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers }));
      await producer.send({ topic: topics.replies, acks: -1, messages: replies });
      const last = batch.messages[batch.messages.length - 1];
      if (last !== undefined) payload.resolveOffset(last.offset);
      await payload.heartbeat();
    },
  });
  const stop = (): void => {
    void Promise.allSettled([consumer.disconnect(), producer.disconnect()]).then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`two-hop responder: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
