import { Logger } from '@nestjs/common';
import { DeadLetterPublisher, DecodeFailure, MessageRegistry } from '@trading/messaging';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
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

  constructor(
    private readonly kafka: Kafka,
    private readonly registry: MessageRegistry,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly deadLetterProducer: Producer,
    private readonly store: ProjectionStore,
    private readonly options: ProjectorOptions,
  ) {
    this.logger = new Logger(`Projector:${store.name}`);
  }

  async start(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: this.options.groupId, readUncommitted: false, maxWaitTimeInMs: 100 });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic: this.options.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.concurrency ?? 3,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
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
      const applied = await this.applyWithRetry(payload, { topic: batch.topic, partition: batch.partition, records, nextOffset });
      if (!applied) return;
      payload.resolveOffset(last.offset);
      await payload.commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: nextOffset }] }] });
      await payload.heartbeat();
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
