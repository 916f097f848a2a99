import { Kafka } from 'kafkajs';

/** Deletes every topic and consumer group whose name starts with the run's unique prefix. */
export async function deleteByPrefix(kafka: Kafka, prefix: string): Promise<{ topics: number; groups: number }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    const ours = groups.map((g) => g.groupId).filter((id) => id.startsWith(prefix));
    if (ours.length > 0) await admin.deleteGroups(ours).catch(() => undefined); // a group with members refuses: it expires
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
    return { topics: topics.length, groups: ours.length };
  } finally {
    await admin.disconnect();
  }
}
