import { AccountOpened, CommandRejected, RiskLimitsSet, TradingStateSet } from './events/account.events';
import {
  ExecutionReportRejected,
  OrderAcknowledged,
  OrderCanceled,
  OrderCancelRejectedByBroker,
  OrderExpired,
  OrderFilled,
  OrderPartiallyFilled,
  OrderRejectedByBroker,
  OrderReplaceAbandoned,
  OrderReplaced,
} from './events/execution.events';
import {
  CancelAllOrdersRequested,
  CancelRejected,
  OrderCancelRequested,
  OrderPlaced,
  OrderRejected,
  OrderReplaceRequested,
  ReplaceRejected,
} from './events/order-decision.events';

export type AccountBookEvent =
  | AccountOpened
  | RiskLimitsSet
  | TradingStateSet
  | CommandRejected
  | OrderPlaced
  | OrderRejected
  | OrderCancelRequested
  | CancelRejected
  | CancelAllOrdersRequested
  | OrderReplaceRequested
  | ReplaceRejected
  | OrderAcknowledged
  | OrderPartiallyFilled
  | OrderFilled
  | OrderCanceled
  | OrderCancelRejectedByBroker
  | OrderExpired
  | OrderRejectedByBroker
  | OrderReplaced
  | OrderReplaceAbandoned
  | ExecutionReportRejected;

export type AccountBookEventType = AccountBookEvent['type'];

/**
 * The schema version written today for each event type, for the message envelope. Bump a version
 * (and register an upcaster for the old one) whenever an event's shape changes.
 */
export const ACCOUNT_BOOK_EVENT_VERSIONS: Readonly<Record<AccountBookEventType, number>> = Object.freeze({
  AccountOpened: 1,
  RiskLimitsSet: 1,
  TradingStateSet: 1,
  CommandRejected: 1,
  OrderPlaced: 1,
  OrderRejected: 1,
  OrderCancelRequested: 1,
  CancelRejected: 1,
  CancelAllOrdersRequested: 1,
  OrderReplaceRequested: 1,
  ReplaceRejected: 1,
  OrderAcknowledged: 1,
  OrderPartiallyFilled: 2,
  OrderFilled: 2,
  OrderCanceled: 1,
  OrderCancelRejectedByBroker: 1,
  OrderExpired: 1,
  OrderRejectedByBroker: 1,
  OrderReplaced: 1,
  OrderReplaceAbandoned: 1,
  ExecutionReportRejected: 1,
});

/** Events that record a refusal: they change nothing but the remembered command ids. */
export type AccountBookRejection = Extract<AccountBookEvent, { readonly reason: { readonly code: string } }>;

export function isRejection(event: AccountBookEvent): event is AccountBookRejection {
  return (
    event.type === 'CommandRejected' ||
    event.type === 'OrderRejected' ||
    event.type === 'CancelRejected' ||
    event.type === 'ReplaceRejected' ||
    event.type === 'ExecutionReportRejected'
  );
}

/** The events the domain's evolve folds into orders; the others concern the account or refuse. */
export const ORDER_CHANGING_EVENTS: ReadonlySet<AccountBookEventType> = new Set<AccountBookEventType>([
  'OrderPlaced',
  'OrderReplaceRequested',
  'OrderCancelRequested',
  'OrderAcknowledged',
  'OrderPartiallyFilled',
  'OrderFilled',
  'OrderCanceled',
  'OrderCancelRejectedByBroker',
  'OrderExpired',
  'OrderRejectedByBroker',
  'OrderReplaced',
  'OrderReplaceAbandoned',
]);
