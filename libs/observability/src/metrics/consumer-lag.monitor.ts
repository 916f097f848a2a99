import { Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';

/** The two admin calls the monitor needs (kafkajs `Admin` has them). */
export interface LagOffsetsAdmin {
  fetchOffsets(options: { groupId: string; topics: string[] }): Promise<
    Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>
  >;
  fetchTopicOffsets(topic: string): Promise<Array<{ partition: number; high: string; low: string }>>;
}

export interface ConsumerLagSource {
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Partitions this process owns now, per topic. */
  owned(): ReadonlyMap<string, readonly number[]>;
}

/**
 * `trading_consumer_lag` for one consumer group: every `intervalMs`, the log end offset (high
 * watermark) minus the group's committed offset, for the partitions this process owns; series of
 * partitions it no longer owns are removed. Read from the broker rather than from fetch responses,
 * so that a consumer stuck on a record shows growing lag (fetches stop, the log end does not), and
 * so that the number is the one KEDA scales on.
 */
export class ConsumerLagMonitor {
  private readonly logger: Logger;
  private readonly published = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly admin: LagOffsetsAdmin,
    private readonly gauge: Gauge<'group' | 'topic' | 'partition'>,
    private readonly source: ConsumerLagSource,
    private readonly intervalMs = 10_000,
  ) {
    this.logger = new Logger(`ConsumerLag:${source.groupId}`);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.refresh(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops and removes this group's series. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    for (const key of this.published) this.gauge.remove(JSON.parse(key) as Record<'group' | 'topic' | 'partition', string>);
    this.published.clear();
  }

  /** One measurement now; failures are logged and leave the last values in place. */
  refresh(): Promise<void> {
    this.running ??= this.measure()
      .catch((error: unknown) => this.logger.warn(`consumer lag not measured: ${String(error)}`))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async measure(): Promise<void> {
    const owned = this.source.owned();
    const topics = this.source.topics.filter((topic) => (owned.get(topic)?.length ?? 0) > 0);
    const current = new Set<string>();
    if (topics.length > 0) {
      const committed = await this.admin.fetchOffsets({ groupId: this.source.groupId, topics: [...topics] });
      for (const topic of topics) {
        const ends = await this.admin.fetchTopicOffsets(topic);
        const commits = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
        for (const partition of owned.get(topic) ?? []) {
          const end = ends.find((entry) => entry.partition === partition);
          if (!end) continue;
          const commit = commits.find((entry) => entry.partition === partition)?.offset ?? '-1';
          // nothing committed yet: everything still in the log is lag
          const from = BigInt(commit) < 0n ? BigInt(end.low) : BigInt(commit);
          const lag = BigInt(end.high) - from;
          const labels = { group: this.source.groupId, topic, partition: String(partition) };
          this.gauge.set(labels, Number(lag > 0n ? lag : 0n));
          current.add(JSON.stringify(labels));
        }
      }
    }
    for (const key of this.published) {
      if (!current.has(key)) this.gauge.remove(JSON.parse(key) as Record<'group' | 'topic' | 'partition', string>);
    }
    this.published.clear();
    for (const key of current) this.published.add(key);
  }
}
