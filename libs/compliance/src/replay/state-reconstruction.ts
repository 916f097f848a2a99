import { CodedError } from '@trading/domain';
import { AccountEventEnvelope, isAccountEvent } from '@trading/read-models';
import { InconsistentArchiveError } from '../compliance.errors';
import { AccountFold, AccountReplay, PureAccountFold } from './account-replay';
import { AccountReplayWorkingCopy } from './account-replay.working-copy';
import { DecodedRecord, recordPlace } from './decoded-record';
import { ReplayFilter, wantsAccount } from './replay-filter';

export interface ReconstructedState {
  readonly asOf: Date;
  /** By account id, sorted. */
  readonly accounts: readonly AccountReplay[];
  /** Events folded into the state. */
  readonly folded: number;
}

interface StreamCursor {
  readonly account: AccountFold;
  /** Events that arrived ahead of a seq not seen yet, by seq. */
  readonly ahead: Map<number, DecodedRecord>;
  /** Reached an event after the as-of instant: the rest of the stream is later still. */
  cut: boolean;
}

/**
 * Folds the archived order events, stream by stream in seq order, up to the as-of instant. The
 * archive is at-least-once and need not be in seq order across its files: a seq already folded
 * is a duplicate and skipped; one that arrives early waits for the seqs before it. A stream left
 * with a hole is an incomplete archive and refused, naming the stream and the missing seq.
 */
/** Told of every event folded, with the account as it is after it. */
export type FoldObserver = (decoded: DecodedRecord, after: AccountReplay) => void;

/**
 * `in-place`: each account on a working copy replay owns (`AccountReplayWorkingCopy`), the
 * default; `pure`: the domain's pure fold, one immutable state per event, which an observer needs
 * (and `--strict` uses, as the reference).
 */
export type FoldMode = 'in-place' | 'pure';

export class StateReconstruction {
  private readonly streams = new Map<string, StreamCursor>();
  private readonly asOfMs: number;
  private folded = 0;

  private readonly mode: FoldMode;

  constructor(
    private readonly filter: ReplayFilter,
    private readonly observe?: FoldObserver,
    mode: FoldMode = 'in-place',
  ) {
    this.asOfMs = filter.asOf.getTime();
    this.mode = observe ? 'pure' : mode;
  }

  add(decoded: DecodedRecord): void {
    const { envelope } = decoded;
    if (!isAccountEvent(envelope) || !wantsAccount(this.filter, envelope.accountId)) return;
    let cursor = this.streams.get(envelope.streamId);
    if (!cursor) {
      const account = this.mode === 'pure' ? new PureAccountFold(envelope.accountId) : new AccountReplayWorkingCopy(envelope.accountId);
      cursor = { account, ahead: new Map(), cut: false };
      this.streams.set(envelope.streamId, cursor);
    }
    if (cursor.cut || envelope.seq <= cursor.account.lastSeq) return;
    if (envelope.seq > cursor.account.lastSeq + 1) {
      cursor.ahead.set(envelope.seq, decoded);
      return;
    }
    this.fold(cursor, decoded);
    for (let next = cursor.ahead.get(cursor.account.lastSeq + 1); next && !cursor.cut; next = cursor.ahead.get(cursor.account.lastSeq + 1)) {
      cursor.ahead.delete(next.envelope.seq);
      this.fold(cursor, next);
    }
  }

  finish(): ReconstructedState {
    for (const [streamId, cursor] of this.streams) {
      if (cursor.cut || cursor.ahead.size === 0) continue;
      const missing = cursor.account.lastSeq + 1;
      const [first] = [...cursor.ahead.values()].sort((a, b) => a.envelope.seq - b.envelope.seq);
      throw new InconsistentArchiveError(
        `stream ${streamId} has no seq ${missing} in the archive (next archived: seq ${first?.envelope.seq} at ${first ? recordPlace(first.record) : '?'})`,
        { streamId, missingSeq: missing },
      );
    }
    const accounts = [...this.streams.values()].filter((cursor) => cursor.account.lastSeq > 0).map((cursor) => cursor.account.current());
    accounts.sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
    return { asOf: this.filter.asOf, accounts, folded: this.folded };
  }

  private fold(cursor: StreamCursor, decoded: DecodedRecord): void {
    const envelope = decoded.envelope as AccountEventEnvelope;
    if ((decoded.occurredAtMs ?? Date.parse(envelope.occurredAt)) > this.asOfMs) {
      cursor.cut = true;
      cursor.ahead.clear();
      return;
    }
    try {
      cursor.account.fold(envelope);
      this.folded += 1;
      this.observe?.(decoded, cursor.account.current());
    } catch (error) {
      const code = error instanceof CodedError ? error.code : 'EVENT.INCONSISTENT';
      throw new InconsistentArchiveError(
        `${envelope.type} seq ${envelope.seq} of ${envelope.streamId} at ${recordPlace(decoded.record)} cannot be folded: ${code} ${(error as Error).message}`,
        { streamId: envelope.streamId, seq: envelope.seq },
        { cause: error },
      );
    }
  }
}
