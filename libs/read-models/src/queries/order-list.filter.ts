import { ORDER_STATUSES, OrderSide, OrderStatus, TERMINAL_STATUSES } from '@trading/domain';

/** Which orders of one account a list query selects, and in which order. */
export interface OrderListFilter {
  readonly status: 'open' | 'closed' | 'all';
  /** At most this many orders (1 to 500). */
  readonly limit: number;
  /** Only orders submitted strictly after / strictly before these instants. */
  readonly after: Date | null;
  readonly until: Date | null;
  /** By submission time, ties by order id. */
  readonly direction: 'asc' | 'desc';
  /** Upper-case symbols; null: every symbol. */
  readonly symbols: readonly string[] | null;
  readonly side: OrderSide | null;
}

export const OPEN_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter((status) => !TERMINAL_STATUSES.includes(status));
export const CLOSED_STATUSES: readonly OrderStatus[] = TERMINAL_STATUSES;
