import { fetchLogEnds } from '@trading/messaging';
import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';

/**
 * Runs `consumer` on `topics` from their current ends (what is already in them is skipped) and
 * resolves once it reads there. It never commits offsets: its group is the bench's own and
 * thrown away, and a commit after every batch was a broker request per batch, load the bench put
 * on the system it measures.
 */
export async function followFromEnd(kafka: Kafka, consumer: Consumer, topics: readonly string[], eachBatch: (payload: EachBatchPayload) => Promise<void>): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await Promise.all(topics.map(async (topic) => [topic, await fetchLogEnds(admin, topic)] as const)).finally(() => admin.disconnect());
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning: false });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({ eachBatch, autoCommit: false });
  await joined;
  for (const [topic, partitions] of ends) {
    for (const [partition, last] of partitions) consumer.seek({ topic, partition, offset: (last + 1n).toString() });
  }
}
