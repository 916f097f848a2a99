import { Context } from '@opentelemetry/api';
import { ConsumedRecordInfo, ConsumerLagMonitor, inConsumerSpan, TradingMetrics } from '@trading/observability';
import { Admin, Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { EventEnvelope } from '../envelope/event-envelope';
import { DecodeFailure } from '../registry/decode-failure';
import { MessageRegistry } from '../registry/message-registry';
import { extractTraceContext } from '../trace/trace-context';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { OffsetCommitThrottle } from './offset-commit.throttle';

export interface ConsumedMeta {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** The producer's trace context, the parent of the record's consumer span (`ConsumedEnvelope.inSpan`). */
  readonly traceContext: Context;
}

/** A valid record of a fetched batch. */
export interface ConsumedEnvelope {
  readonly envelope: EventEnvelope;
  readonly meta: ConsumedMeta;
  /** Runs `work` in the record's consumer span (a child of the producer's trace), ended when `work` settles. */
  inSpan<T>(work: (spanContext: Context) => T): T;
}

/** The valid records of one fetched batch of one partition, in order (say, to write them in one round trip). */
export type EnvelopeBatchHandler = (records: readonly ConsumedEnvelope[]) => Promise<void>;

export interface EnvelopeConsumerOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly fromBeginning: boolean;
  readonly handler: EnvelopeBatchHandler;
  /** `trading_consumer_lag` of the group (dead letters are counted by the publisher). */
  readonly metrics?: TradingMetrics;
  /** Called at every rebalance, before the handler sees a record of the new assignment. */
  readonly onAssignment?: () => void;
  /**
   * Partitions handled at once (default 6): batches of one partition are handled one at a time, in
   * order; the handler must be safe to run for different partitions at the same time.
   */
  readonly concurrency?: number;
}

/**
 * At-least-once consumer of enveloped messages, a fetched batch at a time, for idempotent handlers
 * (projections, notifiers). Reads only committed records. A record that fails validation is parked
 * on the dead-letter topic, after the handler took the batch's valid ones, and the consumer goes
 * on; a handler that throws gets the batch again from kafkajs, never skipped. The group
 * offset moves at most once a second per partition (`OffsetCommitThrottle`): a restart may hand a
 * handler a few records again, which idempotence makes harmless.
 */
export class EnvelopeConsumer {
  private consumer: Consumer | undefined;
  private commits: OffsetCommitThrottle | undefined;
  private admin: Admin | undefined;
  private lag: ConsumerLagMonitor | undefined;
  private assigned: Readonly<Record<string, readonly number[]>> = {};

  constructor(
    private readonly kafka: Kafka,
    private readonly registry: MessageRegistry,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly deadLetterProducer: Producer,
    private readonly options: EnvelopeConsumerOptions,
  ) {}

  async start(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: this.options.groupId, readUncommitted: false });
    this.consumer = consumer;
    const commits = new OffsetCommitThrottle(consumer);
    this.commits = commits;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.assigned = payload.memberAssignment;
      commits.forget();
      this.options.onAssignment?.();
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.options.topics], fromBeginning: this.options.fromBeginning });
    // handlers are idempotent: the group offset moves at most once a second per partition
    const handled = (topic: string, partition: number, offset: string) => commits.record(topic, partition, (BigInt(offset) + 1n).toString());
    const { handler } = this.options;
    await consumer.run({
      autoCommit: false,
      // kafkajs's default (1) hands the partitions over one batch at a time: a handler that waits on
      // a round trip per batch then bounds the whole group, not a partition
      partitionsConsumedConcurrently: this.options.concurrency ?? 6,
      eachBatch: async ({ batch }) => {
        const { topic, partition } = batch;
        const records: ConsumedEnvelope[] = [];
        const invalid: { message: KafkaMessage; failure: DecodeFailure }[] = [];
        for (const message of batch.messages) {
          const decoded = this.registry.decode(message.value);
          if (!decoded.ok) {
            invalid.push({ message, failure: decoded.failure });
            continue;
          }
          const { envelope } = decoded;
          const parent = extractTraceContext(message.headers);
          const info = this.recordInfo(topic, partition, message.offset, envelope);
          records.push({
            envelope,
            meta: { topic, partition, offset: message.offset, traceContext: parent },
            inSpan: (work) => inConsumerSpan(parent, info, work),
          });
        }
        if (records.length > 0) await handler(records);
        // parked after the handler succeeded: a retried batch parks nothing twice
        for (const { message, failure } of invalid) {
          await this.deadLetters.publish(this.deadLetterProducer, { topic, partition, message, consumerGroup: this.options.groupId }, failure);
        }
        const last = batch.messages.at(-1);
        if (last) handled(topic, partition, last.offset);
      },
    });
    if (this.options.metrics) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
      this.lag = new ConsumerLagMonitor(this.admin, this.options.metrics.consumerLag, {
        groupId: this.options.groupId,
        topics: this.options.topics,
        owned: () => new Map(Object.entries(this.assigned)),
      });
      this.lag.start();
    }
  }

  private recordInfo(topic: string, partition: number, offset: string, envelope: EventEnvelope): ConsumedRecordInfo {
    return {
      topic,
      partition,
      offset,
      consumerGroup: this.options.groupId,
      messageId: envelope.eventId,
      messageType: envelope.type,
      correlationId: envelope.correlationId,
      accountId: envelope.accountId,
    };
  }

  async stop(): Promise<void> {
    await this.lag?.stop();
    await this.admin?.disconnect();
    this.lag = this.admin = undefined;
    await this.commits?.flush();
    this.commits = undefined;
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }
}
