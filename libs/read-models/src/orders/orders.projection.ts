import {
  accountBookDecider,
  DEFAULT_RISK_LIMITS,
  NO_OPEN_ORDERS,
  OpenAccountBook,
  Order,
  ORDER_CHANGING_EVENTS,
  PersistentRecord,
} from '@trading/domain';
import { AccountEventEnvelope, orderIdsOf } from '../events/account-event';
import { UnappliableEventError } from '../read-models.errors';
import { OrderEventRow, OrderFillRow, toFillRow, toOrderEventRow } from './order-side-rows';
import { OrderRow, toOrderRow } from './order-row';

export interface LoadedOrder {
  readonly accountId: string;
  readonly order: Order;
}

export interface OrdersProjectionInput {
  /** In log order. */
  readonly events: readonly AccountEventEnvelope[];
  /** Last applied seq per stream id (absent: nothing applied yet). */
  readonly lastSeqs: ReadonlyMap<string, number>;
  /** The stored orders the events refer to, by order id. */
  readonly orders: ReadonlyMap<string, LoadedOrder>;
}

export interface StreamProgress {
  readonly streamId: string;
  readonly accountId: string;
  readonly lastSeq: number;
}

export interface Unappliable {
  readonly envelope: AccountEventEnvelope;
  readonly code: string;
  readonly reason: string;
}

export interface OrdersProjectionChanges {
  readonly orders: readonly OrderRow[];
  readonly fills: readonly OrderFillRow[];
  readonly timeline: readonly OrderEventRow[];
  /** Streams whose last applied seq moved. */
  readonly streams: readonly StreamProgress[];
  readonly unappliable: readonly Unappliable[];
  /** Events at or below their stream's last applied seq: redeliveries, changed nothing. */
  readonly duplicates: number;
}

/**
 * The orders projection of a batch: which rows change. Order state is folded with the domain's
 * own evolve (the same function the OMS and replay use) over a book holding only the orders the
 * batch touches; an event evolve refuses is reported, not applied, and the batch goes on.
 */
export function projectOrders(input: OrdersProjectionInput): OrdersProjectionChanges {
  const lastSeqs = new Map(input.lastSeqs);
  const books = new Map<string, OpenAccountBook>();
  const changed = new Map<string, OrderRow>();
  const fills: OrderFillRow[] = [];
  const timeline: OrderEventRow[] = [];
  const streams = new Map<string, StreamProgress>();
  const unappliable: Unappliable[] = [];
  let duplicates = 0;

  for (const envelope of input.events) {
    if (envelope.seq <= (lastSeqs.get(envelope.streamId) ?? 0)) {
      duplicates += 1;
      continue;
    }
    lastSeqs.set(envelope.streamId, envelope.seq);
    streams.set(envelope.streamId, { streamId: envelope.streamId, accountId: envelope.accountId, lastSeq: envelope.seq });
    const event = envelope.payload;
    try {
      if (event.accountId !== envelope.accountId) {
        throw new UnappliableEventError(`${envelope.type} of account ${event.accountId} in the stream of ${envelope.accountId}`);
      }
      const orderIds = orderIdsOf(event);
      if (ORDER_CHANGING_EVENTS.has(event.type)) {
        const book = books.get(envelope.accountId) ?? partialBook(envelope.accountId, input.orders);
        const next = accountBookDecider.evolve(book, event) as OpenAccountBook;
        books.set(envelope.accountId, next);
        for (const orderId of orderIds) {
          const order = next.orders.get(orderId);
          if (order && order !== book.orders.get(orderId)) {
            changed.set(orderId, toOrderRow(order, { accountId: envelope.accountId, streamId: envelope.streamId, seq: envelope.seq }));
          }
        }
        if (event.type === 'OrderFilled' || event.type === 'OrderPartiallyFilled') fills.push(toFillRow(envelope, event));
      }
      for (const orderId of orderIds) timeline.push(toOrderEventRow(envelope, orderId));
    } catch (error) {
      unappliable.push({ envelope, ...describeFailure(error) });
    }
  }
  return { orders: [...changed.values()], fills, timeline, streams: [...streams.values()], unappliable, duplicates };
}

/**
 * An open book with only the account's loaded orders. Cash, positions, limits and open-order
 * totals are placeholders: evolve reads them only for the book's own bookkeeping, never for an
 * order's state.
 */
function partialBook(accountId: string, loaded: ReadonlyMap<string, LoadedOrder>): OpenAccountBook {
  const orders: [string, Order][] = [];
  for (const [orderId, entry] of loaded) if (entry.accountId === accountId) orders.push([orderId, entry.order]);
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

/** The domain's coded errors keep their code (`EVENT.INCONSISTENT`); anything else is generic. */
export function describeFailure(error: unknown): { readonly code: string; readonly reason: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return {
    code: typeof code === 'string' && /^[A-Z_]+\.[A-Z_]+$/.test(code) ? code : 'READ_MODEL.UNAPPLIABLE_EVENT',
    reason: error instanceof Error ? error.message : String(error),
  };
}
