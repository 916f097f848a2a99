import { DecimalString } from '../decimal';
import { PersistentRecord } from '../shared/persistent-record';
import { Order } from '../orders/order';
import { RecentOrder } from '../risk/recent-order';
import { RiskLimits } from '../risk/risk-limits';
import { TradingState } from '../risk/trading-state';
import { OpenOrderTotals } from './open-order-totals';

/**
 * How many decided command ids the book remembers. Redelivery after a crash or a producer retry
 * arrives within moments, so the recent ones are enough; older duplicates are the caller's to
 * filter (Kafka offsets committed in the same transaction).
 */
export const MAX_REMEMBERED_COMMAND_IDS = 1_000;

/** Before `AccountOpened`: only refusals can happen, and their commands are remembered. */
export interface UnopenedAccountBook {
  readonly status: 'unopened';
  readonly recentCommandIds: readonly string[];
}

/** One account and every order it ever placed. Plain JSON data once serialised, so it can be snapshotted. */
export interface OpenAccountBook {
  readonly status: 'open';
  readonly accountId: string;
  readonly cash: DecimalString;
  readonly tradingState: TradingState;
  readonly limits: RiskLimits;
  readonly limitSetVersion: number;
  /** By order id, in the order they were placed. */
  readonly orders: PersistentRecord<Order>;
  /** What the open orders among `orders` add up to (every order change keeps it). */
  readonly openTotals: OpenOrderTotals;
  /** Client order id to order id, for every order placed (rejected requests reserve nothing). */
  readonly clientOrderIds: PersistentRecord<string>;
  /** Signed quantity per symbol; flat positions are removed. */
  readonly positions: Readonly<Record<string, DecimalString>>;
  /** Orders accepted within the longest of the order-rate and duplicate-order windows. */
  readonly recentOrders: readonly RecentOrder[];
  readonly recentCommandIds: readonly string[];
}

export type AccountBookState = UnopenedAccountBook | OpenAccountBook;

export function initialAccountBookState(): AccountBookState {
  return { status: 'unopened', recentCommandIds: [] };
}

export function rememberCommand(ids: readonly string[], commandId: string): readonly string[] {
  if (ids[ids.length - 1] === commandId) return ids;
  const next = [...ids, commandId];
  return next.length > MAX_REMEMBERED_COMMAND_IDS ? next.slice(next.length - MAX_REMEMBERED_COMMAND_IDS) : next;
}
