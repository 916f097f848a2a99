import { BrokerOrder, BrokerOrderSnapshot, BrokerOrderState } from '@trading/broker-sdk';
import { Dec, IsoTime, formatQty } from '@trading/domain';

/** The venue's record of one order. Mutable, and never handed out: callers get snapshots. */
export interface VenueOrder {
  readonly order: BrokerOrder;
  readonly brokerOrderId: string;
  /** Arrival order at the venue. */
  readonly seq: number;
  /** The quantity worked (a notional order's, converted at acceptance). */
  readonly qty: Dec;
  readonly limitPrice: Dec | null;
  readonly stopPrice: Dec | null;
  /** When a DAY order expires, if a session close is configured. */
  readonly expiresAt: IsoTime | null;
  filledQty: Dec;
  state: BrokerOrderState;
  /** A stop order whose stop price the market has reached: it now works as market or limit. */
  triggered: boolean;
  updatedAt: IsoTime;
}

export const remainingQty = (order: VenueOrder): Dec => order.qty.minus(order.filledQty);

export const isStopOrder = (order: VenueOrder): boolean =>
  order.order.type === 'stop' || order.order.type === 'stop_limit';

/** Waiting for its stop price: not in the book yet. */
export const isPendingStop = (order: VenueOrder): boolean => isStopOrder(order) && !order.triggered;

/** The worst price the order accepts while active; null for market (and triggered stop) orders. */
export const activeLimit = (order: VenueOrder): Dec | null =>
  order.order.type === 'limit' || order.order.type === 'stop_limit' ? order.limitPrice : null;

/** Whether the order accepts a trade at `price`. */
export function acceptsPrice(order: VenueOrder, price: Dec): boolean {
  const limit = activeLimit(order);
  if (limit === null) return true;
  return order.order.side === 'buy' ? price.lte(limit) : price.gte(limit);
}

export function toSnapshot(order: VenueOrder): BrokerOrderSnapshot {
  return {
    order: order.order,
    brokerOrderId: order.brokerOrderId,
    state: order.state,
    filledQty: formatQty(order.filledQty),
    updatedAt: order.updatedAt,
  };
}
