import { CodedError } from '@trading/domain';
import { DeadLetterPublisher, EventEnvelope, MessageRegistry, retryRetriable } from '@trading/messaging';
import { Consumer, Kafka, Producer } from 'kafkajs';
import { CatchUpTracker } from './catch-up.tracker';

export class ReaderStoppedError extends CodedError {
  readonly code = 'MARKET_DATA.READER_STOPPED';
}

export interface CompactedTopicReaderOptions {
  readonly topic: string;
  /** Unique to this process: every process reads every partition, and nothing is committed. */
  readonly groupId: string;
}

export type EnvelopeApplier = (envelope: EventEnvelope) => void | Promise<void>;

/**
 * Reads a compacted topic from its beginning into process memory, each time the process starts.
 * Decodes every record through the registry and parks what fails on the dead-letter topic. Offsets
 * are never committed: the group exists only so kafkajs can assign this process every partition.
 * `caughtUp()` settles once everything present at start has been applied (see CatchUpTracker).
 */
export class CompactedTopicReader {
  private consumer: Consumer | undefined;
  private stopped = false;
  private markCaughtUp: () => void = () => undefined;
  private failCatchUp: (error: unknown) => void = () => undefined;
  private readonly caughtUpSignal = new Promise<void>((resolve, reject) => {
    this.markCaughtUp = resolve;
    this.failCatchUp = reject;
  });

  constructor(
    private readonly kafka: Kafka,
    private readonly registry: MessageRegistry,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly deadLetterProducer: Producer,
    private readonly options: CompactedTopicReaderOptions,
  ) {
    // A caller that never asks must not see an unhandled rejection when the reader stops early.
    this.caughtUpSignal.catch(() => undefined);
  }

  caughtUp(): Promise<void> {
    return this.caughtUpSignal;
  }

  async start(apply: EnvelopeApplier): Promise<void> {
    try {
      await this.run(apply);
    } catch (error) {
      this.failCatchUp(error);
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.failCatchUp(new ReaderStoppedError(`stopped before catching up with ${this.options.topic}`));
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  private async run(apply: EnvelopeApplier): Promise<void> {
    const { topic, groupId } = this.options;
    const tracker = new CatchUpTracker(await this.partitionEnds());
    if (tracker.caughtUp) this.markCaughtUp();
    if (this.stopped) return;
    // A short long-poll: disconnecting waits for the fetch in flight, and shutdown should not.
    const consumer = this.kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 500 });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    // nothing is committed, so a rebalance starts the partitions over from the beginning: what was
    // read already is not applied (an older quote over a newer one) or dead-lettered again
    const next = new Map<number, bigint>();
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const offset = BigInt(message.offset);
        if (offset < (next.get(partition) ?? 0n)) return;
        const decoded = this.registry.decode(message.value);
        if (decoded.ok) {
          await apply(decoded.envelope);
        } else {
          await this.deadLetters.publish(
            this.deadLetterProducer,
            { topic, partition, message, consumerGroup: groupId },
            decoded.failure,
          );
        }
        next.set(partition, offset + 1n);
        if (tracker.observe(partition, message.offset)) this.markCaughtUp();
      },
    });
  }

  private async partitionEnds(): Promise<{ partition: number; low: string; high: string }[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await retryRetriable(() => admin.fetchTopicOffsets(this.options.topic));
    } finally {
      await admin.disconnect();
    }
  }
}
