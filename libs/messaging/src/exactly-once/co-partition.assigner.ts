import { AssignerProtocol, PartitionAssigner } from 'kafkajs';

/**
 * Assigns partition *numbers* to members: the member that owns number N owns partition N of every
 * subscribed topic. With co-partitioned topics (same key, same count) that makes one member the
 * only one to see anything of the accounts hashed to N, in commands and execution reports alike:
 * the single-writer rule. (Round-robin would hand commands-3 and executions-3 to different members.)
 */
export const CoPartitionAssigner: PartitionAssigner = ({ cluster }) => ({
  name: 'CoPartitionAssigner',
  version: 0,

  async assign({ members, topics }) {
    const memberIds = members.map((m) => m.memberId).sort();
    const numbers = new Set<number>();
    for (const topic of topics) {
      for (const partition of cluster.findTopicPartitionMetadata(topic)) numbers.add(partition.partitionId);
    }
    const ordered = [...numbers].sort((a, b) => a - b);
    const perMember = new Map<string, number[]>(memberIds.map((id) => [id, []]));
    // contiguous ranges, as Kafka's RangeAssigner: stable when members come and go in order
    ordered.forEach((number, index) => {
      const owner = memberIds[Math.floor((index * memberIds.length) / ordered.length)];
      if (owner) perMember.get(owner)?.push(number);
    });
    return memberIds.map((memberId) => {
      const owned = perMember.get(memberId) ?? [];
      const assignment = Object.fromEntries(topics.map((topic) => [topic, owned]));
      return {
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 0, assignment, userData: Buffer.alloc(0) }),
      };
    });
  },

  protocol({ topics }) {
    return {
      name: 'CoPartitionAssigner',
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }),
    };
  },
});
