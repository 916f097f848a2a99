import { CodedError } from '@trading/domain';

/** An archived record that does not decode (not an envelope, unknown type, no upcaster). */
export class UndecodableRecordError extends CodedError {
  readonly code = 'REPLAY.UNDECODABLE_RECORD';
}

/** An archived stream that evolve refuses, or with a seq missing: the archive cannot be trusted. */
export class InconsistentArchiveError extends CodedError {
  readonly code = 'REPLAY.INCONSISTENT_ARCHIVE';
}

/** `--order <id>` names an order the archive never saw. */
export class OrderNotArchivedError extends CodedError {
  readonly code = 'REPLAY.ORDER_NOT_FOUND';
}

/** `--rebuild` refuses read models that already hold data: it only fills fresh ones. */
export class RebuildTargetNotEmptyError extends CodedError {
  readonly code = 'REPLAY.TARGET_NOT_EMPTY';
}
