import { Logger } from '@nestjs/common';
import { Clock } from '@trading/domain';
import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { RawRecord } from '../model/record-mapping';
import { ParquetCompression } from '../parquet/parquet.codec';
import { ParquetEncodeWorker } from '../parquet/parquet-encode.worker';
import { ArchiveStore, ObjectLock } from '../storage/archive.store';
import { PartitionWriter } from './partition.writer';
import { rawRecordOf } from './raw-record.mapper';

export interface ArchiverOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly flushRecords: number;
  readonly flushMs: number;
  readonly prefix: string;
  readonly compression: ParquetCompression;
  readonly objectLockDays: number;
  readonly objectLockMode: ObjectLock['mode'];
  /** Runs after a flush is in S3, before its offsets are committed; a throw here is a crash at that instant. */
  readonly beforeCommit?: (topic: string, partition: number, nextOffset: bigint) => Promise<void>;
}

interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  writer: PartitionWriter | null;
  buffer: RawRecord[];
  since: number | null;
}

const DAY_MS = 86_400_000;

/**
 * Consumes every archived topic (read_committed) and writes Parquet files and manifests to S3.
 * Offsets are committed only after the files and their manifest are stored; the manifest chain is
 * the source of truth for how far a partition is archived, so records below it are skipped after
 * a crash between upload and commit and every record lands in exactly one listed file.
 */
export class Archiver {
  private readonly logger = new Logger('Archiver');
  private readonly states = new Map<string, PartitionState>();
  private readonly lanes = new Map<string, Promise<unknown>>();
  private consumer: Consumer | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lock: (() => ObjectLock | undefined) = () => undefined;
  // one thread encodes every partition's files: the consuming thread never stalls for a file
  private readonly encoder = new ParquetEncodeWorker();

  constructor(
    private readonly kafka: Kafka,
    private readonly store: ArchiveStore,
    private readonly options: ArchiverOptions,
    private readonly clock: Clock,
  ) {}

  async start(): Promise<void> {
    await this.configureObjectLock();
    // Files are flushed by count or after flushMs: a fetch that returns with every new record
    // (minBytes 1) only costs round trips, so it waits for 256 KiB or a second, whichever first.
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      readUncommitted: false,
      minBytes: 256 * 1024,
      maxWaitTimeInMs: Math.min(1_000, this.options.flushMs),
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => this.keepOnly(payload.memberAssignment));
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.options.topics], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 4,
      eachBatch: (payload) => this.onBatch(payload),
    });
    const tick = Math.min(1000, Math.max(50, Math.floor(this.options.flushMs / 4)));
    this.timer = setInterval(() => this.flushAged(), tick);
  }

  /** Graceful: flushes what is buffered, then leaves the group. `flush: false` stops as a crash would. */
  async stop({ flush = true }: { flush?: boolean } = {}): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (flush) {
      await Promise.allSettled([...this.states.values()].map((state) => this.inLane(state, () => this.flush(state, Infinity))));
    }
    await this.consumer?.disconnect();
    this.consumer = null;
    this.states.clear();
    await this.encoder.close();
  }

  private async configureObjectLock(): Promise<void> {
    const { objectLockDays: days, objectLockMode: mode } = this.options;
    if (days === 0) return;
    if (!(await this.store.objectLockEnabled())) {
      this.logger.warn(`bucket ${this.store.bucket} has no Object Lock (or the store does not support it): objects are written without retention`);
      return;
    }
    this.lock = () => ({ mode, retainUntil: new Date(this.clock.now().getTime() + days * DAY_MS) });
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const state = this.stateOf(batch.topic, batch.partition);
    await this.inLane(state, async () => {
      const writer = await this.writerOf(state);
      const firstOffset = batch.messages[0] ? BigInt(batch.messages[0].offset) : null;
      if (writer.nextOffset !== null && firstOffset !== null && firstOffset < writer.nextOffset && state.buffer.length === 0) {
        // Re-delivered after a crash between upload and commit: already archived, move the group on.
        await this.commit(state, writer.nextOffset);
      }
      for (const message of batch.messages) {
        if (payload.isStale()) break;
        this.accept(state, writer, rawRecordOf(batch.topic, batch.partition, message));
        // Moves the fetch position only; with autoCommit off nothing is committed before the upload.
        payload.resolveOffset(message.offset);
      }
      while (state.buffer.length >= this.options.flushRecords) await this.flush(state, this.options.flushRecords);
    });
    await payload.heartbeat();
  }

  private accept(state: PartitionState, writer: PartitionWriter, record: RawRecord): void {
    const last = state.buffer[state.buffer.length - 1];
    const floor = last ? BigInt(last.offset) + 1n : writer.nextOffset;
    if (floor !== null && BigInt(record.offset) < floor) return;
    if (state.buffer.length === 0) state.since = this.clock.now().getTime();
    state.buffer.push(record);
  }

  private async flush(state: PartitionState, count: number): Promise<void> {
    const writer = await this.writerOf(state);
    const floor = writer.nextOffset;
    if (floor !== null) state.buffer = state.buffer.filter((record) => BigInt(record.offset) >= floor);
    const chunk = state.buffer.slice(0, count);
    if (chunk.length === 0) return;
    let next: bigint;
    try {
      next = await writer.append(chunk);
    } catch (error) {
      state.writer = null; // re-read the chain before the next attempt: it may have advanced
      throw error;
    }
    state.buffer = state.buffer.slice(chunk.length);
    state.since = state.buffer.length > 0 ? this.clock.now().getTime() : null;
    await this.options.beforeCommit?.(state.topic, state.partition, next);
    await this.commit(state, next);
  }

  private async commit(state: PartitionState, offset: bigint): Promise<void> {
    await this.consumer?.commitOffsets([{ topic: state.topic, partition: state.partition, offset: offset.toString() }]);
  }

  private flushAged(): void {
    const now = this.clock.now().getTime();
    for (const state of this.states.values()) {
      if (state.since === null || now - state.since < this.options.flushMs) continue;
      this.inLane(state, () => this.flush(state, Infinity)).catch((error: unknown) =>
        this.logger.error(`flush of ${state.topic}[${state.partition}] failed, retrying: ${String(error)}`),
      );
    }
  }

  private async writerOf(state: PartitionState): Promise<PartitionWriter> {
    state.writer ??= await PartitionWriter.open(
      this.store,
      { prefix: this.options.prefix, compression: this.options.compression, lock: () => this.lock(), encoder: this.encoder },
      state.topic,
      state.partition,
    );
    return state.writer;
  }

  private stateOf(topic: string, partition: number): PartitionState {
    const id = `${topic}\u0000${partition}`;
    let state = this.states.get(id);
    if (!state) {
      state = { topic, partition, writer: null, buffer: [], since: null };
      this.states.set(id, state);
    }
    return state;
  }

  /** After a rebalance, partitions given away are dropped unflushed: their new owner reads them from the commit. */
  private keepOnly(assignment: Record<string, number[]>): void {
    for (const [id, state] of this.states) {
      if (!(assignment[state.topic] ?? []).includes(state.partition)) this.states.delete(id);
    }
  }

  private inLane<T>(state: PartitionState, work: () => Promise<T>): Promise<T> {
    const id = `${state.topic}\u0000${state.partition}`;
    const run = (this.lanes.get(id) ?? Promise.resolve()).then(work, work);
    this.lanes.set(id, run.catch(() => undefined));
    return run;
  }
}
