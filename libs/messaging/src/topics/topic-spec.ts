export type CleanupPolicy = 'delete' | 'compact';

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  /** Milliseconds, or 'forever' for the event log of record. */
  readonly retention: number | 'forever';
  readonly cleanupPolicy: CleanupPolicy;
  /**
   * Topics in one group are keyed alike and must have the same partition count, so one consumer
   * that owns partition N of each sees everything of the accounts hashed to N.
   */
  readonly copartitionGroup?: string;
  readonly purpose: string;
}

export function topicConfigEntries(spec: TopicSpec): { name: string; value: string }[] {
  return [
    { name: 'cleanup.policy', value: spec.cleanupPolicy },
    { name: 'retention.ms', value: spec.retention === 'forever' ? '-1' : String(spec.retention) },
  ];
}
