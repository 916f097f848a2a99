/** Where a partition's log started and ended when the reader started (kafkajs offsets are strings). */
export interface PartitionEnd {
  readonly partition: number;
  readonly low: string;
  readonly high: string;
}

/**
 * Tells when a reader has seen everything that existed when it started: for every partition that
 * was not empty, the record just below the high watermark taken at start. That record is always
 * still there on a compacted topic: it is the newest of its key and sits in the active segment,
 * which compaction never touches.
 */
export class CatchUpTracker {
  private readonly pending = new Map<number, bigint>();

  constructor(ends: readonly PartitionEnd[]) {
    for (const { partition, low, high } of ends) {
      if (BigInt(high) > BigInt(low)) this.pending.set(partition, BigInt(high) - 1n);
    }
  }

  get caughtUp(): boolean {
    return this.pending.size === 0;
  }

  /** Records that the record at `offset` of `partition` has been handled; true once caught up. */
  observe(partition: number, offset: string): boolean {
    const last = this.pending.get(partition);
    if (last !== undefined && BigInt(offset) >= last) this.pending.delete(partition);
    return this.caughtUp;
  }
}
