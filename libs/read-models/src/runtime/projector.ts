import { Logger } from '@nestjs/common';
import { Link, SpanKind, trace } from '@opentelemetry/api';
import { DeadLetterPublisher, DecodeFailure, extractTraceContext, MessageRegistry, OffsetCommitThrottle } from '@trading/messaging';
import { ATTR, ConsumerLagMonitor, TradingMetrics, tradingTracer } from '@trading/observability';
import { Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { BackoffSettings, backoffDelay, DEFAULT_BACKOFF, sleep } from './backoff';
import { DeadLetterSink, ProjectionBatch, ProjectionRecord, ProjectionStore } from './projection-store.port';

export interface ProjectorOptions {
  readonly groupId: string;
  readonly topic: string;
  /** Records written per store transaction (default 500). */
  readonly maxBatchSize?: number;
  /** Partitions worked on at once (default 3). */
  readonly concurrency?: number;
  readonly backoff?: BackoffSettings;
  /**
   * A fetch waits for this many bytes or this long, whichever first (default 64 KiB or 100 ms).
   * A store write costs about the same for one event as for hundreds, so a projector that fetched
   * each event as it came (the consumer default) paid a store write and a fetch per event under
   * load; 100 ms is small beside a projection's lag.
   */
  readonly fetch?: { readonly minBytes: number; readonly maxWaitMs: number };
}

const DEFAULT_FETCH = { minBytes: 64 * 1024, maxWaitMs: 100 } as const;

/** Where a partition's projection stands, for `trading_projection_lag_seconds`. */
interface PartitionProgress {
  readonly lastOccurredAtMs: number;
  readonly caughtUp: boolean;
}

/**
 * Feeds a topic into a read-model store, at least once: Kafka offsets are committed only after
 * the store has the records (the store's own checkpoint makes a replay harmless). A record that
 * cannot be decoded or applied is parked on the dead-letter topic and the projector goes on; a
 * store that cannot be written pauses the partition and is retried with backoff until it can.
 */
export class Projector {
  private readonly logger: Logger;
  private consumer: Consumer | undefined;
  private commits: OffsetCommitThrottle | undefined;
  private admin: Admin | undefined;
  private lag: ConsumerLagMonitor | undefined;
  private unwatchLag: (() => void) | undefined;
  private assigned: readonly number[] = [];
  private readonly progress = new Map<number, PartitionProgress>();

  constructor(
    private readonly kafka: Kafka,
    private readonly registry: MessageRegistry,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly deadLetterProducer: Producer,
    private readonly store: ProjectionStore,
    private readonly options: ProjectorOptions,
    private readonly metrics?: TradingMetrics,
  ) {
    this.logger = new Logger(`Projector:${store.name}`);
  }

  async start(): Promise<void> {
    const fetch = this.options.fetch ?? DEFAULT_FETCH;
    const consumer = this.kafka.consumer({ groupId: this.options.groupId, readUncommitted: false, minBytes: fetch.minBytes, maxWaitTimeInMs: fetch.maxWaitMs });
    this.consumer = consumer;
    const commits = new OffsetCommitThrottle(consumer);
    this.commits = commits;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      commits.forget();
      this.assigned = payload.memberAssignment[this.options.topic] ?? [];
      for (const partition of this.progress.keys()) if (!this.assigned.includes(partition)) this.progress.delete(partition);
    });
    await consumer.connect();
    await consumer.subscribe({ topic: this.options.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.concurrency ?? 3,
      eachBatch: (payload) => this.onBatch(payload),
    });
    if (this.metrics) await this.startMetrics(this.metrics);
  }

  async stop(): Promise<void> {
    this.unwatchLag?.();
    await this.lag?.stop();
    await this.admin?.disconnect();
    this.lag = this.unwatchLag = this.admin = undefined;
    await this.commits?.flush();
    this.commits = undefined;
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  private async startMetrics(metrics: TradingMetrics): Promise<void> {
    this.admin = this.kafka.admin();
    await this.admin.connect();
    const topic = this.options.topic;
    this.lag = new ConsumerLagMonitor(this.admin, metrics.consumerLag, {
      groupId: this.options.groupId,
      topics: [topic],
      owned: () => new Map([[topic, this.assigned]]),
    });
    this.lag.start();
    this.unwatchLag = metrics.watchProjectionLag(this.store.name, () => {
      const now = Date.now();
      const lags = [...this.progress.values()].map((p) => (p.caughtUp ? 0 : Math.max(0, now - p.lastOccurredAtMs) / 1000));
      return Math.max(0, ...lags);
    });
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const size = this.options.maxBatchSize ?? 500;
    for (let start = 0; start < batch.messages.length; start += size) {
      if (!payload.isRunning() || payload.isStale()) return;
      const messages = batch.messages.slice(start, start + size);
      const last = messages[messages.length - 1] as KafkaMessage;
      const final = start + size >= batch.messages.length;
      // past the transaction markers that end the batch, so a caught-up group shows no lag
      const nextOffset = (BigInt(final ? batch.lastOffset() : last.offset) + 1n).toString();
      const records: ProjectionRecord[] = [];
      for (const message of messages) {
        const decoded = this.registry.decode(message.value);
        if (decoded.ok) records.push({ envelope: decoded.envelope, message });
        else await this.park(batch.topic, batch.partition, message, decoded.failure);
      }
      const startedAt = new Date();
      const applied = await this.traced(records, () =>
        this.applyWithRetry(payload, { topic: batch.topic, partition: batch.partition, records, nextOffset }),
      );
      if (!applied) return;
      this.traceApplied(records, batch.topic, batch.partition, startedAt);
      const newest = records[records.length - 1];
      if (newest) {
        const caughtUp = BigInt(nextOffset) >= BigInt(batch.highWatermark);
        this.progress.set(batch.partition, { lastOccurredAtMs: Date.parse(newest.envelope.occurredAt), caughtUp });
      }
      payload.resolveOffset(last.offset);
      // the store holds the exact checkpoint; the group offset only says where a restart reads from
      this.commits?.record(batch.topic, batch.partition, nextOffset);
      await payload.heartbeat();
    }
  }

  /** The store write of a batch, in one span linked to the traces of its events. */
  private traced<T>(records: readonly ProjectionRecord[], apply: () => Promise<T>): Promise<T> {
    if (records.length === 0) return apply();
    const links: Link[] = records.slice(0, 32).flatMap((record) => {
      const context = trace.getSpanContext(extractTraceContext(record.message.headers));
      return context ? [{ context }] : [];
    });
    const span = tradingTracer().startSpan(`project ${this.store.name} batch`, { kind: SpanKind.INTERNAL, links, attributes: { [ATTR.projection]: this.store.name, 'trading.batch_size': records.length } });
    return apply().finally(() => span.end());
  }

  /** One span per applied event, in that event's trace (a batch mixes many). */
  private traceApplied(records: readonly ProjectionRecord[], topic: string, partition: number, startTime: Date): void {
    for (const { envelope, message } of records) {
      const span = tradingTracer().startSpan(
        `project ${this.store.name}`,
        {
          kind: SpanKind.CONSUMER,
          startTime,
          attributes: {
            [ATTR.messagingSystem]: 'kafka',
            [ATTR.destination]: topic,
            [ATTR.partition]: String(partition),
            [ATTR.offset]: Number(message.offset),
            [ATTR.consumerGroup]: this.options.groupId,
            [ATTR.projection]: this.store.name,
            [ATTR.messageType]: envelope.type,
            [ATTR.correlationId]: envelope.correlationId,
            [ATTR.accountId]: envelope.accountId,
          },
        },
        extractTraceContext(message.headers),
      );
      span.end();
    }
  }

  /** False when the partition was taken away or the consumer stopped while the store was down. */
  private async applyWithRetry(payload: EachBatchPayload, batch: ProjectionBatch): Promise<boolean> {
    let resume: (() => void) | undefined;
    for (let failures = 1; ; failures++) {
      try {
        await this.applyOrSplit(batch);
        resume?.();
        return true;
      } catch (error) {
        if (!payload.isRunning() || payload.isStale()) {
          resume?.();
          return false;
        }
        const delay = backoffDelay(this.options.backoff ?? DEFAULT_BACKOFF, failures);
        this.logger.warn(`${batch.topic}[${batch.partition}] store write failed (attempt ${failures}), paused, retry in ${delay} ms: ${String(error)}`);
        resume ??= payload.pause();
        await sleep(delay);
        await payload.heartbeat();
      }
    }
  }

  /** A batch the store refuses for its data is applied record by record, to park only the culprit. */
  private async applyOrSplit(batch: ProjectionBatch): Promise<void> {
    const deadLetter: DeadLetterSink = (record, failure) => this.park(batch.topic, batch.partition, record.message, failure);
    try {
      await this.store.apply(batch, deadLetter);
    } catch (error) {
      if (!this.store.isPermanent(error)) throw error;
      const [only] = batch.records;
      if (batch.records.length === 1 && only) {
        this.logger.error(`${batch.topic}[${batch.partition}]@${only.message.offset} cannot be stored: ${String(error)}`);
        await deadLetter(only, { code: 'MESSAGING.PROCESSING_FAILED', reason: error instanceof Error ? error.message : String(error) });
        return;
      }
      for (const [index, record] of batch.records.entries()) {
        const last = index === batch.records.length - 1;
        const nextOffset = last ? batch.nextOffset : (BigInt(record.message.offset) + 1n).toString();
        await this.applyOrSplit({ ...batch, records: [record], nextOffset });
      }
    }
  }

  private async park(
    topic: string,
    partition: number,
    message: ProjectionRecord['message'],
    failure: DecodeFailure,
  ): Promise<void> {
    this.logger.warn(`${topic}[${partition}]@${message.offset} dead-lettered: ${failure.code} ${failure.reason}`);
    await this.deadLetters.publish(this.deadLetterProducer, { topic, partition, message, consumerGroup: this.options.groupId }, failure);
  }
}
