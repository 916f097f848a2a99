import { Logger } from '@nestjs/common';
import { Consumer } from 'kafkajs';

/** The part of a kafkajs consumer the throttle uses. */
export type OffsetCommitter = Pick<Consumer, 'commitOffsets'>;

interface Pending {
  offset: string;
  /** When this partition's last commit was sent (ms, monotonic); 0: never. */
  sentAt: number;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Group offset commits for consumers whose handlers are idempotent (projections, notifiers), which
 * keep their own exact checkpoint: the group offset only says where a restart starts reading, so
 * it need not move with every batch. Each partition's offset is committed at most once per
 * `intervalMs`; the newest one is always committed within `intervalMs` (a trailing commit), so a
 * caught-up group shows no lag. Commits that fail (a rebalance took the partition) are dropped:
 * the next owner starts from the last one that landed and skips what it has applied.
 */
export class OffsetCommitThrottle {
  private readonly logger = new Logger(OffsetCommitThrottle.name);
  private readonly pending = new Map<string, Pending>();
  private stopped = false;

  constructor(
    private readonly consumer: OffsetCommitter,
    private readonly intervalMs = 1_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** `offset`: the next offset to read (the last handled + 1, or past the batch's markers). */
  record(topic: string, partition: number, offset: string): void {
    if (this.stopped) return;
    const key = `${topic}\u0000${partition}`;
    const entry = this.pending.get(key) ?? { offset, sentAt: 0, timer: undefined };
    entry.offset = offset;
    this.pending.set(key, entry);
    if (entry.timer) return;
    const wait = entry.sentAt + this.intervalMs - this.now();
    if (wait <= 0) {
      this.send(topic, partition, entry);
      return;
    }
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      this.send(topic, partition, entry);
    }, wait);
    entry.timer.unref();
  }

  /**
   * Drops the offsets waiting for their trailing commit; call it on every rebalance, so an offset
   * of a partition that moved to another member is never committed after it (the broker checks the
   * generation, not who owns the partition). What was dropped is read again and skipped.
   */
  forget(): void {
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
  }

  /** Commits what is waiting now and stops; call it before the consumer disconnects. */
  async flush(): Promise<void> {
    this.stopped = true;
    const waiting = [...this.pending].filter(([, entry]) => entry.timer);
    for (const [, entry] of waiting) clearTimeout(entry.timer);
    this.pending.clear();
    if (waiting.length === 0) return;
    await this.consumer
      .commitOffsets(
        waiting.map(([key, entry]) => {
          const [topic, partition] = key.split('\u0000') as [string, string];
          return { topic, partition: Number(partition), offset: entry.offset };
        }),
      )
      .catch((error: unknown) => this.logger.debug(`final offset commit dropped: ${String(error)}`));
  }

  private send(topic: string, partition: number, entry: Pending): void {
    entry.sentAt = this.now();
    const offset = entry.offset;
    this.consumer
      .commitOffsets([{ topic, partition, offset }])
      .catch((error: unknown) => this.logger.debug(`offset commit of ${topic}[${partition}]@${offset} dropped: ${String(error)}`));
  }
}
