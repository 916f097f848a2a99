import { Admin } from 'kafkajs';
import { createTopicsAndWait, topicLeaders } from './create-topics';
import { assertCopartitioned } from './copartition-check';
import { TopicSpec, topicConfigEntries } from './topic-spec';

export interface ProvisionReport {
  readonly created: readonly string[];
  /** Topics whose partition count on the broker differs from the declaration. */
  readonly drift: readonly { name: string; declared: number; actual: number }[];
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
      await createTopicsAndWait(
        this.admin,
        missing.map((spec) => ({
          topic: spec.name,
          numPartitions: spec.partitions,
          replicationFactor: options.replicationFactor,
          configEntries: topicConfigEntries(spec),
        })),
      );
    }

    const metadata = await topicLeaders(this.admin, specs.map((spec) => spec.name));
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
