import { BrokerCancel, BrokerOrder, BrokerReplace } from '@trading/broker-sdk';
import { DecimalString, IsoTime, OrderStatus } from '@trading/domain';

export type BrokerAction = 'submit' | 'cancel' | 'replace';

interface IntentBase {
  /** The order event that asked for it: one intent per event, so replay never asks twice. */
  readonly intentId: string;
  readonly orderId: string;
  readonly accountId: string;
  readonly broker: string;
  readonly correlationId: string;
  readonly at: IsoTime;
}

/** Recorded (with the consumed offset) before the order is sent: the send follows the commit. */
export interface BrokerSubmitIntended extends IntentBase {
  readonly type: 'BrokerSubmitIntended';
  readonly order: BrokerOrder;
}

export interface BrokerCancelIntended extends IntentBase {
  readonly type: 'BrokerCancelIntended';
  readonly request: BrokerCancel;
}

/** `orderId` is the working order; `request.replacement.clientOrderId` the new one. */
export interface BrokerReplaceIntended extends IntentBase {
  readonly type: 'BrokerReplaceIntended';
  readonly request: BrokerReplace;
}

export type BrokerIntent = BrokerSubmitIntended | BrokerCancelIntended | BrokerReplaceIntended;

interface OutcomeBase {
  readonly intentId: string;
  readonly orderId: string;
  readonly accountId: string;
  readonly action: BrokerAction;
  readonly at: IsoTime;
}

/** The broker has the request (it said so, or a lookup found the order). */
export interface BrokerRequestSent extends OutcomeBase {
  readonly type: 'BrokerRequestSent';
}

/** Certainly not sent (breaker open, rate limit, broker unavailable or unsupported). */
export interface BrokerRequestRefused extends OutcomeBase {
  readonly type: 'BrokerRequestRefused';
  readonly code: string;
  readonly reason: string;
}

/** Maybe sent (timeout, disconnect): stays in flight until a lookup or reconciliation settles it. */
export interface BrokerRequestUnknown extends OutcomeBase {
  readonly type: 'BrokerRequestUnknown';
  readonly code: string;
  readonly reason: string;
}

export type BrokerOutcome = BrokerRequestSent | BrokerRequestRefused | BrokerRequestUnknown;

/** What the OMS made of the broker's reports so far, for reconciliation after a restart. */
export interface OmsOrderStatusObserved {
  readonly type: 'OmsOrderStatusObserved';
  readonly orderId: string;
  readonly accountId: string;
  readonly status: OrderStatus;
  /** null when the event did not change it. */
  readonly filledQty: DecimalString | null;
  readonly at: IsoTime;
}

export type ExecutionJournalEntry = BrokerIntent | BrokerOutcome | OmsOrderStatusObserved;
export type ExecutionJournalEntryType = ExecutionJournalEntry['type'];

export const INTENT_ACTION: Readonly<Record<BrokerIntent['type'], BrokerAction>> = {
  BrokerSubmitIntended: 'submit',
  BrokerCancelIntended: 'cancel',
  BrokerReplaceIntended: 'replace',
};

export function isIntent(entry: ExecutionJournalEntry): entry is BrokerIntent {
  return entry.type in INTENT_ACTION;
}
