import { accountBookDecider, AccountBookState, DecimalString } from '@trading/domain';
import { AccountEventEnvelope, applyFillToPosition, FLAT_POSITION, Position, positionStepOf } from '@trading/read-models';

/** One account as of a point of its stream: the OMS's book, and the positions read model's view. */
export interface AccountReplay {
  readonly accountId: string;
  /** The book folded with the domain's evolve, as the OMS holds it. */
  readonly book: AccountBookState;
  /** Average-cost positions by symbol, folded with the positions projection's own math (flat ones kept). */
  readonly positions: Readonly<Record<string, Position>>;
  /** The cash as the positions read model keeps it: opening cash, then the OMS's cash after each fill. */
  readonly cash: DecimalString | null;
  readonly lastSeq: number;
  readonly lastOccurredAt: string | null;
}

export function emptyAccountReplay(accountId: string): AccountReplay {
  return { accountId, book: accountBookDecider.initialState(), positions: {}, cash: null, lastSeq: 0, lastOccurredAt: null };
}

/** Folds the next event of the account's stream. Pure; evolve throws on an impossible stream. */
export function foldAccountEvent(account: AccountReplay, envelope: AccountEventEnvelope): AccountReplay {
  const book = accountBookDecider.evolve(account.book, envelope.payload);
  const step = positionStepOf(envelope);
  const base = { ...account, book, lastSeq: envelope.seq, lastOccurredAt: envelope.occurredAt };
  if (step.kind === 'cash') return { ...base, cash: step.cash };
  if (step.kind !== 'fill') return base;
  const held = Object.prototype.hasOwnProperty.call(account.positions, step.symbol) ? account.positions[step.symbol] : undefined;
  const position = applyFillToPosition(held ?? FLAT_POSITION, step.fill);
  return { ...base, cash: step.cash, positions: { ...account.positions, [step.symbol]: position } };
}

/** One account folded event by event: the pure fold above, or a working copy updated in place. */
export interface AccountFold {
  readonly lastSeq: number;
  fold(envelope: AccountEventEnvelope): void;
  /** The account as of the last event folded. */
  current(): AccountReplay;
}

/** `foldAccountEvent`, one immutable `AccountReplay` per event (what an observer of each step needs). */
export class PureAccountFold implements AccountFold {
  private account: AccountReplay;

  constructor(accountId: string) {
    this.account = emptyAccountReplay(accountId);
  }

  get lastSeq(): number {
    return this.account.lastSeq;
  }

  fold(envelope: AccountEventEnvelope): void {
    this.account = foldAccountEvent(this.account, envelope);
  }

  current(): AccountReplay {
    return this.account;
  }
}
