import { TopicCatalogueError } from './topic-catalogue.error';

/** Throws when topics of one co-partition group do not share one partition count. */
export function assertCopartitioned(
  topics: readonly { name: string; partitions: number; copartitionGroup?: string }[],
  source: 'declared' | 'broker',
): void {
  const groups = new Map<string, { name: string; partitions: number }[]>();
  for (const topic of topics) {
    if (!topic.copartitionGroup) continue;
    const members = groups.get(topic.copartitionGroup) ?? [];
    members.push(topic);
    groups.set(topic.copartitionGroup, members);
  }
  for (const [group, members] of groups) {
    const counts = new Set(members.map((member) => member.partitions));
    if (counts.size > 1) {
      const listing = members.map((m) => `${m.name}=${m.partitions}`).join(', ');
      throw new TopicCatalogueError(
        'KAFKA.COPARTITION_MISMATCH',
        `Co-partitioned topics of group "${group}" differ in partition count (${source}): ${listing}`,
        { group, source, topics: members },
      );
    }
  }
}
