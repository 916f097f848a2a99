import { Admin } from 'kafkajs';

/**
 * Runs a Kafka admin call again while it fails with a retriable error, as offsets and metadata
 * requests do for a moment after topics are created (partition leadership still settling).
 */
export async function retryRetriable<T>(call: () => Promise<T>, attempts = 20): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const retriable = (error as { retriable?: boolean }).retriable === true;
      if (!retriable || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/**
 * The offset of the last record of each non-empty partition: where a reader that must catch up
 * with "everything there now" stops.
 */
export async function fetchLogEnds(admin: Admin, topic: string): Promise<Map<number, bigint>> {
  const ends = new Map<number, bigint>();
  for (const { partition, high, low } of await retryRetriable(() => admin.fetchTopicOffsets(topic))) {
    if (BigInt(high) > BigInt(low)) ends.set(partition, BigInt(high) - 1n);
  }
  return ends;
}
