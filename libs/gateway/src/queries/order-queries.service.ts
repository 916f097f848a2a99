import { OrderListFilter, OrdersProgress, OrdersQueryRepository } from '@trading/read-models';
import { AlpacaOrder, toAlpacaOrder } from '../orders/alpaca-order.mapper';
import { ListOrdersQuery } from '../orders/list-orders.query';
import { OrderNotFoundError } from '../orders/order-refused.error';
import { Consistent, ReadYourWrites } from './read-your-writes';

/** How far this gateway has seen an account's stream (its AccountBooksView). */
export interface SeenStreams {
  lastSeq(accountId: string): number;
}

/**
 * Order reads from the PostgreSQL read model, within the authenticated account only. Every read
 * waits (bounded) for the later of the presented token and what this gateway has already seen of
 * the account's stream, so an order this gateway just answered a write with is never missing
 * from the next read, token or not (Alpaca clients send none).
 */
export class OrderQueriesService {
  constructor(
    private readonly orders: OrdersQueryRepository,
    private readonly progress: OrdersProgress,
    private readonly consistency: ReadYourWrites,
    private readonly seen: SeenStreams,
  ) {}

  list(accountId: string, query: ListOrdersQuery, token: number | null): Promise<Consistent<AlpacaOrder[]>> {
    return this.read(accountId, token, async () => (await this.orders.list(accountId, toFilter(query))).map(toAlpacaOrder));
  }

  get(accountId: string, orderId: string, token: number | null): Promise<Consistent<AlpacaOrder>> {
    return this.read(accountId, token, async () => {
      const order = await this.orders.byId(accountId, orderId);
      // another account's order is "not found" too: ids must not leak
      if (!order) throw new OrderNotFoundError(`id ${orderId}`);
      return toAlpacaOrder(order);
    });
  }

  getByClientOrderId(accountId: string, clientOrderId: string, token: number | null): Promise<Consistent<AlpacaOrder>> {
    return this.read(accountId, token, async () => {
      const order = await this.orders.byClientOrderId(accountId, clientOrderId);
      if (!order) throw new OrderNotFoundError(`client_order_id ${clientOrderId}`);
      return toAlpacaOrder(order);
    });
  }

  private read<T>(accountId: string, token: number | null, query: () => Promise<T>): Promise<Consistent<T>> {
    const floor = Math.max(token ?? 0, this.seen.lastSeq(accountId));
    return this.consistency.read([this.progress], accountId, floor > 0 ? floor : null, query);
  }
}

/** `nested` changes nothing: every order here is single-leg. */
export function toFilter(query: ListOrdersQuery): OrderListFilter {
  return {
    status: query.status,
    limit: query.limit,
    after: query.after === null ? null : new Date(query.after),
    until: query.until === null ? null : new Date(query.until),
    direction: query.direction,
    symbols: query.symbols === null ? null : [...query.symbols],
    side: query.side,
  };
}
