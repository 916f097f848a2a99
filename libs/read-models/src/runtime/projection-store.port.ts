import { DecodeFailure, EventEnvelope } from '@trading/messaging';
import { KafkaMessage } from 'kafkajs';

/** One decoded record of the log, with what a dead letter needs of the original. */
export interface ProjectionRecord {
  readonly envelope: EventEnvelope;
  readonly message: Pick<KafkaMessage, 'key' | 'value' | 'headers' | 'offset'>;
}

/** Consecutive records of one partition, and the offset to resume from once they are applied. */
export interface ProjectionBatch {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly ProjectionRecord[];
  readonly nextOffset: string;
}

/** Parks a record the store cannot apply; called before the store commits, so none is lost. */
export type DeadLetterSink = (record: ProjectionRecord, failure: DecodeFailure) => Promise<void>;

/**
 * A read-model store the projector writes to. `apply` is idempotent: records at or below their
 * stream's applied seq change nothing. It throws when the store cannot be written (retried with
 * backoff); `isPermanent` tells a failure that retrying cannot cure (bad data) from an outage.
 */
export interface ProjectionStore {
  readonly name: string;
  apply(batch: ProjectionBatch, deadLetter: DeadLetterSink): Promise<void>;
  isPermanent(error: unknown): boolean;
}
