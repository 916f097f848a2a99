import { DecimalString } from '@trading/domain';
import { AccountEventEnvelope, applyFillToPosition, FLAT_POSITION, Position, PositionFill, positionStepOf } from '@trading/read-models';
import { AccountBookWorkingCopy } from './account-book.working-copy';
import { AccountFold, AccountReplay } from './account-replay';
import { positionAfterFill } from './position-fill.exact';
import { OutsideExactRange } from './scaled-decimal';

/** `foldAccountEvent` on a copy replay owns alone, updated in place; `current()` snapshots it. */
export class AccountReplayWorkingCopy implements AccountFold {
  private readonly book = new AccountBookWorkingCopy();
  private readonly positions: Record<string, Position> = {};
  private cash: DecimalString | null = null;
  private seq = 0;
  private lastOccurredAt: string | null = null;

  constructor(private readonly accountId: string) {}

  get lastSeq(): number {
    return this.seq;
  }

  fold(envelope: AccountEventEnvelope): void {
    this.book.apply(envelope.payload);
    this.seq = envelope.seq;
    this.lastOccurredAt = envelope.occurredAt;
    const step = positionStepOf(envelope);
    if (step.kind === 'cash') this.cash = step.cash;
    if (step.kind !== 'fill') return;
    const held = Object.prototype.hasOwnProperty.call(this.positions, step.symbol) ? this.positions[step.symbol] : undefined;
    const position = exactPositionAfterFill(held ?? FLAT_POSITION, step.fill);
    this.cash = step.cash;
    if (step.symbol === '__proto__') Object.defineProperty(this.positions, step.symbol, { value: position, enumerable: true, writable: true, configurable: true });
    else this.positions[step.symbol] = position;
  }

  current(): AccountReplay {
    return {
      accountId: this.accountId, book: this.book.snapshot(), positions: { ...this.positions },
      cash: this.cash, lastSeq: this.seq, lastOccurredAt: this.lastOccurredAt,
    };
  }
}

/** `applyFillToPosition`, on scaled decimals where they promise its result. */
function exactPositionAfterFill(position: Position, fill: PositionFill): Position {
  try {
    return positionAfterFill(position, fill);
  } catch (error) {
    if (error instanceof OutsideExactRange) return applyFillToPosition(position, fill);
    throw error;
  }
}
