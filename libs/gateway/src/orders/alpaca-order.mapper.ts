import { Order } from '@trading/domain';

/** An order in the Alpaca Trading API v2 shape: snake_case, decimals as strings, nulls kept. */
export interface AlpacaOrder {
  readonly id: string;
  readonly client_order_id: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly submitted_at: string;
  readonly filled_at: string | null;
  readonly expired_at: string | null;
  readonly canceled_at: string | null;
  readonly failed_at: string | null;
  readonly replaced_at: string | null;
  readonly replaced_by: string | null;
  readonly replaces: string | null;
  readonly asset_id: string | null;
  readonly symbol: string;
  readonly asset_class: 'us_equity';
  readonly notional: string | null;
  readonly qty: string | null;
  readonly filled_qty: string;
  readonly filled_avg_price: string | null;
  readonly order_class: '';
  readonly order_type: string;
  readonly type: string;
  readonly side: string;
  readonly time_in_force: string;
  readonly limit_price: string | null;
  readonly stop_price: string | null;
  readonly status: string;
  readonly extended_hours: false;
  readonly legs: null;
  readonly trail_percent: null;
  readonly trail_price: null;
  readonly hwm: null;
}

/** The parts of an order the Alpaca shape shows. */
export type AlpacaOrderSource = Omit<Order, 'risk' | 'executionIds' | 'reservedCash' | 'venueStatus' | 'cancelPending' | 'filledNotional'>;

export function toAlpacaOrder(order: AlpacaOrderSource): AlpacaOrder {
  const at = (status: Order['status']) => (order.status === status ? order.updatedAt : null);
  return {
    id: order.orderId,
    client_order_id: order.clientOrderId,
    created_at: order.submittedAt,
    updated_at: order.updatedAt,
    submitted_at: order.submittedAt,
    filled_at: at('filled'),
    expired_at: at('expired'),
    canceled_at: at('canceled'),
    failed_at: at('rejected'),
    replaced_at: at('replaced'),
    replaced_by: order.replacedBy,
    replaces: order.replaces,
    asset_id: null,
    symbol: order.symbol,
    asset_class: 'us_equity',
    notional: order.notional,
    qty: order.qty,
    filled_qty: order.filledQty,
    filled_avg_price: order.filledAvgPrice,
    order_class: '',
    order_type: order.type,
    type: order.type,
    side: order.side,
    time_in_force: order.timeInForce,
    limit_price: order.limitPrice,
    stop_price: order.stopPrice,
    status: order.status,
    extended_hours: false,
    legs: null,
    trail_percent: null,
    trail_price: null,
    hwm: null,
  };
}
