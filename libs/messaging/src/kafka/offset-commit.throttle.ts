import { Logger } from '@nestjs/common';
import { Consumer } from 'kafkajs';

/** The part of a kafkajs consumer the throttle uses. */
export type OffsetCommitter = Pick<Consumer, 'commitOffsets'>;

type TopicPartitionOffset = { topic: string; partition: number; offset: string };

/**
 * Group offset commits for consumers whose handlers are idempotent (projections, notifiers), which
 * keep their own exact checkpoint: the group offset only says where a restart starts reading, so
 * it need not move with every batch. At most one commit request per `intervalMs`, carrying the
 * newest offset of every partition recorded since the last; the newest offsets are always committed
 * within `intervalMs` (a trailing commit), so a caught-up group shows no lag. Commits that fail (a
 * rebalance took a partition) are dropped: the next owner starts from the last one that landed and
 * skips what it has applied.
 */
export class OffsetCommitThrottle {
  private readonly logger = new Logger(OffsetCommitThrottle.name);
  private readonly pending = new Map<string, TopicPartitionOffset>();
  /** When the last commit was sent (ms, monotonic); -Infinity: never. */
  private sentAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly consumer: OffsetCommitter,
    private readonly intervalMs = 1_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** `offset`: the next offset to read (the last handled + 1, or past the batch's markers). */
  record(topic: string, partition: number, offset: string): void {
    if (this.stopped) return;
    this.pending.set(`${topic}\u0000${partition}`, { topic, partition, offset });
    if (this.timer) return;
    const wait = this.sentAt + this.intervalMs - this.now();
    if (wait <= 0) {
      this.send();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.send();
    }, wait);
    this.timer.unref();
  }

  /**
   * Drops the offsets waiting for their trailing commit; call it on every rebalance, so an offset
   * of a partition that moved to another member is never committed after it (the broker checks the
   * generation, not who owns the partition). What was dropped is read again and skipped.
   */
  forget(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  /** Commits what is waiting now and stops; call it before the consumer disconnects. */
  async flush(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    const offsets = this.take();
    if (offsets.length === 0) return;
    await this.consumer.commitOffsets(offsets).catch((error: unknown) => this.logger.debug(`final offset commit dropped: ${String(error)}`));
  }

  private send(): void {
    this.sentAt = this.now();
    const offsets = this.take();
    this.consumer
      .commitOffsets(offsets)
      .catch((error: unknown) => this.logger.debug(`offset commit of ${offsets.length} partition(s) dropped: ${String(error)}`));
  }

  private take(): TopicPartitionOffset[] {
    const offsets = [...this.pending.values()];
    this.pending.clear();
    return offsets;
  }
}
