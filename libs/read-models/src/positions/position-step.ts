import { DecimalString, isOrderSide } from '@trading/domain';
import { AccountEventEnvelope } from '../events/account-event';
import { PositionFill } from './position';

/** What one account event means for the positions read model. */
export type PositionStep =
  | {
      readonly kind: 'fill';
      readonly seq: number;
      readonly symbol: string;
      readonly executionId: string;
      readonly fill: PositionFill;
      /** The account's cash after the fill, as the OMS settled it. */
      readonly cash: DecimalString;
      /** The position quantity after the fill, as the OMS settled it (a cross-check). */
      readonly positionQty: DecimalString;
    }
  | { readonly kind: 'cash'; readonly seq: number; readonly cash: DecimalString }
  | { readonly kind: 'progress'; readonly seq: number }
  | { readonly kind: 'unappliable'; readonly seq: number; readonly code: string; readonly reason: string };

const PLAIN_DECIMAL = /^-?\d{1,30}(\.\d{1,20})?$/;
const decimal = (value: unknown): value is string => typeof value === 'string' && PLAIN_DECIMAL.test(value);
const positive = (value: unknown): value is string => decimal(value) && !value.startsWith('-') && /[1-9]/.test(value);
const text = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 128;

export function positionStepOf(envelope: AccountEventEnvelope): PositionStep {
  const event = envelope.payload;
  const seq = envelope.seq;
  const refuse = (reason: string): PositionStep => ({ kind: 'unappliable', seq, code: 'READ_MODEL.UNAPPLIABLE_EVENT', reason });
  if (event.accountId !== envelope.accountId) return refuse(`${envelope.type} of account ${event.accountId} in the stream of ${envelope.accountId}`);
  if (event.type === 'AccountOpened') {
    return decimal(event.cash) ? { kind: 'cash', seq, cash: event.cash } : refuse('AccountOpened without a decimal cash');
  }
  if (event.type !== 'OrderFilled' && event.type !== 'OrderPartiallyFilled') return { kind: 'progress', seq };
  const problems = [
    text(event.symbol) ? null : 'symbol',
    text(event.executionId) ? null : 'executionId',
    isOrderSide(event.side) ? null : 'side',
    positive(event.qty) ? null : 'qty',
    positive(event.price) ? null : 'price',
    decimal(event.cash) ? null : 'cash',
    decimal(event.positionQty) ? null : 'positionQty',
  ].filter((problem): problem is string => problem !== null);
  if (problems.length > 0) return refuse(`${envelope.type} with invalid ${problems.join(', ')}`);
  return {
    kind: 'fill',
    seq,
    symbol: event.symbol,
    executionId: event.executionId,
    fill: { side: event.side, qty: event.qty, price: event.price },
    cash: event.cash,
    positionQty: event.positionQty,
  };
}
