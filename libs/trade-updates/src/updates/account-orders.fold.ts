import { accountBookDecider, AccountBookEvent, DEFAULT_RISK_LIMITS, NO_OPEN_ORDERS, OpenAccountBook, Order, PersistentRecord } from '@trading/domain';
import { TradeUpdate } from './trade-update';
import { tradeUpdatesOf } from './trade-update.mapper';
import { ORDER_CHANGING_EVENTS, orderIdsOf } from './order-events';

export interface FoldedEvent {
  /** The orders the event changed, as they are after it: what the notifier keeps. */
  readonly changed: readonly Order[];
  readonly updates: readonly TradeUpdate[];
}

/**
 * Folds one event into the orders it names, with the domain's own evolve (the function the OMS
 * and the projectors use), and maps it to trade updates. `orders` holds at least the orders the
 * event names that exist; evolve throws `EVENT.INCONSISTENT` when one is missing.
 */
export function foldOrderEvent(accountId: string, orders: ReadonlyMap<string, Order>, event: AccountBookEvent): FoldedEvent {
  const before = partialBook(accountId, orders);
  const after = ORDER_CHANGING_EVENTS.has(event.type) ? (accountBookDecider.evolve(before, event) as OpenAccountBook) : before;
  const lookupIn = (book: OpenAccountBook) => (orderId: string): Order | undefined => book.orders.get(orderId);
  const changed = orderIdsOf(event)
    .map((orderId) => lookupIn(after)(orderId))
    .filter((order, index, all): order is Order => order !== undefined && order !== lookupIn(before)(order.orderId) && all.indexOf(order) === index);
  return { changed, updates: tradeUpdatesOf(event, lookupIn(before), lookupIn(after)) };
}

/**
 * An open book holding only the given orders. Cash, positions, limits and open-order totals are
 * placeholders: evolve reads them for the book's own bookkeeping, never for an order's state.
 */
function partialBook(accountId: string, orders: ReadonlyMap<string, Order>): OpenAccountBook {
  return {
    status: 'open',
    accountId,
    cash: '0.00',
    tradingState: 'ACTIVE',
    limits: DEFAULT_RISK_LIMITS,
    limitSetVersion: 0,
    orders: PersistentRecord.fromEntries(orders),
    openTotals: NO_OPEN_ORDERS,
    clientOrderIds: PersistentRecord.empty(),
    positions: {},
    recentOrders: [],
    recentCommandIds: [],
  };
}
