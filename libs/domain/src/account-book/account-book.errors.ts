import { CodedError } from '../shared/coded-error';

/**
 * Programming errors: the caller broke the decider's contract. Business refusals are never thrown;
 * they are rejection events (see README).
 */
export class InvalidCommandError extends CodedError {
  readonly code = 'COMMAND.INVALID';
}

export class UnknownCommandError extends CodedError {
  readonly code = 'COMMAND.UNKNOWN';
}

/** A command routed to another account's book: a partitioning bug. */
export class AccountMismatchError extends CodedError {
  readonly code = 'ACCOUNT.MISMATCH';
}

/** An event that cannot follow the state it is applied to: a corrupt or misordered stream. */
export class InconsistentEventError extends CodedError {
  readonly code = 'EVENT.INCONSISTENT';
}

export class UnknownEventError extends CodedError {
  readonly code = 'EVENT.UNKNOWN';
}
