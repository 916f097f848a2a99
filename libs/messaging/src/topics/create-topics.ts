import { Admin, ITopicConfig, ITopicMetadata } from 'kafkajs';
import { retryRetriable } from '../kafka/log-ends';

/**
 * Creates topics (an existing one is left as it is) and returns once every partition of every
 * topic has a leader. kafkajs's own `waitForLeaders` gives up on UNKNOWN_TOPIC_OR_PARTITION, which
 * a KRaft broker under load answers for a moment after creating a topic.
 */
export async function createTopicsAndWait(admin: Admin, topics: readonly ITopicConfig[]): Promise<void> {
  try {
    await admin.createTopics({ waitForLeaders: false, topics: [...topics] });
  } catch (error) {
    if (!onlyAlreadyExists(error)) throw error;
  }
  await topicLeaders(admin, topics.map((t) => t.topic));
}

/** Metadata of the topics, retried until every partition has a leader. */
export function topicLeaders(admin: Admin, topics: readonly string[]): Promise<{ topics: ITopicMetadata[] }> {
  return retryRetriable(async () => {
    const metadata = await admin.fetchTopicMetadata({ topics: [...topics] });
    const leaderless = metadata.topics.filter((t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0));
    if (leaderless.length > 0) {
      throw Object.assign(new Error(`no leader yet for ${leaderless.map((t) => t.name).join(', ')}`), { retriable: true });
    }
    return metadata;
  });
}

function onlyAlreadyExists(error: unknown): boolean {
  const nested = (error as { errors?: { type?: string }[] }).errors;
  if (Array.isArray(nested) && nested.length > 0) return nested.every((e) => e.type === 'TOPIC_ALREADY_EXISTS');
  return (error as { type?: string }).type === 'TOPIC_ALREADY_EXISTS';
}
