import { MessageRegistry } from '@trading/messaging';
import { ArchiveProgress, ArchiveSource } from '../archive/archive-source.port';
import { ArchivedEnvelopeDecoder } from './archived-envelope.decoder';
import { ReplayFilter, wantsAccount } from './replay-filter';
import { FoldObserver, ReconstructedState, StateReconstruction } from './state-reconstruction';

/**
 * Kafka stamps a record when it is produced, a moment after the event occurred; records stamped
 * this long after the as-of instant are still read, in case their event occurred before it.
 */
export const RECORD_TIMESTAMP_SLACK_MS = 60 * 60 * 1000;

/** The last instant a `Date` can hold. */
export const END_OF_TIME_MS = 8.64e15;

export interface StateReplayInput {
  readonly source: ArchiveSource;
  readonly registry: MessageRegistry;
  /** The order-events topic: the OMS's log of record. */
  readonly orderEventsTopic: string;
  readonly filter: ReplayFilter;
  readonly onProgress?: ArchiveProgress;
  readonly observe?: FoldObserver;
  /**
   * Validate every record with the registry's schemas and fold with the domain's pure evolve (the
   * reference path, `--strict`); by default records at the current version are parsed without
   * re-validation, read column by column where the source reads record batches, and accounts are
   * folded on working copies (`ArchivedEnvelopeDecoder`, `AccountReplayWorkingCopy`), which
   * compute the same state.
   */
  readonly strict?: boolean;
}

/** Reads the archived order events (S3 only) and folds them into the state as of `filter.asOf`. */
export async function replayState(input: StateReplayInput): Promise<ReconstructedState> {
  const { source, registry, filter } = input;
  const strict = input.strict ?? false;
  const decoder = new ArchivedEnvelopeDecoder(registry, { strict });
  const reconstruction = new StateReconstruction(filter, input.observe, strict ? 'pure' : 'in-place');
  const toMs = filter.asOf.getTime() + RECORD_TIMESTAMP_SLACK_MS;
  const query = { topics: [input.orderEventsTopic], ...(toMs < END_OF_TIME_MS ? { to: new Date(toMs) } : {}) };
  if (source.recordBatches && !strict && !input.observe) {
    for await (const batch of source.recordBatches(query, input.onProgress)) {
      for (let index = 0; index < batch.length; index++) {
        const accountId = filter.accountIds ? batch.accountId(index) : null;
        if (accountId !== null && !wantsAccount(filter, accountId)) continue;
        reconstruction.add(decoder.decodeRow(batch, index));
      }
    }
    return reconstruction.finish();
  }
  for await (const record of source.records(query, input.onProgress)) {
    // the lifted columns spare decoding the records of other accounts
    if (record.accountId !== null && !wantsAccount(filter, record.accountId)) continue;
    reconstruction.add(decoder.decode(record));
  }
  return reconstruction.finish();
}
