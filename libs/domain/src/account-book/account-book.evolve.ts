import { InconsistentEventError, UnknownEventError } from './account-book.errors';
import { AccountBookEvent, isRejection } from './account-book.events';
import { AccountBookState, OpenAccountBook, rememberCommand } from './account-book.state';
import { NO_OPEN_ORDERS } from './open-order-totals';
import { evolveOrderEvent } from './order-events.evolve';
import { PersistentRecord } from '../shared/persistent-record';

/** Folds one event into the book. Pure; throws only on a stream that could not have been decided. */
export function evolveAccountBook(state: AccountBookState, event: AccountBookEvent): AccountBookState {
  const recentCommandIds = rememberCommand(state.recentCommandIds, event.commandId);
  if (isRejection(event) || event.type === 'CancelAllOrdersRequested') return { ...state, recentCommandIds };
  if (event.type === 'AccountOpened') {
    if (state.status === 'open') throw new InconsistentEventError(`Account ${event.accountId} is already open`, { accountId: event.accountId });
    return {
      status: 'open',
      accountId: event.accountId,
      cash: event.cash,
      tradingState: event.tradingState,
      limits: event.limits,
      limitSetVersion: event.limitSetVersion,
      orders: PersistentRecord.empty(),
      openTotals: NO_OPEN_ORDERS,
      clientOrderIds: PersistentRecord.empty(),
      positions: {},
      recentOrders: [],
      recentCommandIds,
    };
  }
  if (state.status !== 'open') {
    throw new InconsistentEventError(`${event.type} before the account was opened`, { event: event.type });
  }
  const book: OpenAccountBook = { ...state, recentCommandIds };
  switch (event.type) {
    case 'RiskLimitsSet':
      return { ...book, limits: event.limits, limitSetVersion: event.limitSetVersion };
    case 'TradingStateSet':
      return { ...book, tradingState: event.tradingState };
    case 'OrderPlaced':
    case 'OrderReplaceRequested':
    case 'OrderCancelRequested':
    case 'OrderAcknowledged':
    case 'OrderPartiallyFilled':
    case 'OrderFilled':
    case 'OrderCanceled':
    case 'OrderCancelRejectedByBroker':
    case 'OrderExpired':
    case 'OrderRejectedByBroker':
    case 'OrderReplaced':
    case 'OrderReplaceAbandoned':
      return evolveOrderEvent(book, event);
    default: {
      const unknown: never = event;
      throw new UnknownEventError(`Unknown account-book event ${(unknown as { type: string }).type}`);
    }
  }
}
