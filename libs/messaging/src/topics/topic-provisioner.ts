import { Admin } from 'kafkajs';
import { assertCopartitioned } from './copartition-check';
import { TopicSpec, topicConfigEntries } from './topic-spec';

export interface ProvisionReport {
  readonly created: readonly string[];
  /** Topics whose partition count on the broker differs from the declaration. */
  readonly drift: readonly { name: string; declared: number; actual: number }[];
}

const TOPIC_ALREADY_EXISTS = 'TOPIC_ALREADY_EXISTS';

function onlyAlreadyExists(error: unknown): boolean {
  const nested = (error as { errors?: { type?: string }[] }).errors;
  if (Array.isArray(nested) && nested.length > 0) return nested.every((e) => e.type === TOPIC_ALREADY_EXISTS);
  return (error as { type?: string }).type === TOPIC_ALREADY_EXISTS;
}

/**
 * Creates the declared topics that are missing (safe to run from every instance at once), then
 * checks on the broker that co-partitioned topics really share a partition count: a mismatch
 * would silently split one account's commands and events across two OMS owners.
 */
export class TopicProvisioner {
  constructor(private readonly admin: Admin) {}

  async provision(
    specs: readonly TopicSpec[],
    options: { replicationFactor: number },
  ): Promise<ProvisionReport> {
    assertCopartitioned(specs, 'declared');
    const existing = new Set(await this.admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(spec.name));
    if (missing.length > 0) {
      try {
        await this.admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((spec) => ({
            topic: spec.name,
            numPartitions: spec.partitions,
            replicationFactor: options.replicationFactor,
            configEntries: topicConfigEntries(spec),
          })),
        });
      } catch (error) {
        if (!onlyAlreadyExists(error)) throw error;
      }
    }

    const metadata = await this.admin.fetchTopicMetadata({ topics: specs.map((spec) => spec.name) });
    const partitionsOnBroker = new Map(metadata.topics.map((t) => [t.name, t.partitions.length]));
    const actual = specs.map((spec) => ({
      name: spec.name,
      copartitionGroup: spec.copartitionGroup,
      declared: spec.partitions,
      partitions: partitionsOnBroker.get(spec.name) ?? 0,
    }));
    assertCopartitioned(actual, 'broker');

    return {
      created: missing.map((spec) => spec.name),
      drift: actual
        .filter((topic) => topic.partitions !== topic.declared)
        .map((topic) => ({ name: topic.name, declared: topic.declared, actual: topic.partitions })),
    };
  }
}
