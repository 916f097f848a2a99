import {
  Order,
  OrderSide,
  OrderStatus,
  OrderType,
  RiskAcceptance,
  TimeInForce,
  VenueStatus,
} from '@trading/domain';
import type { OrderRowEntity } from '@trading/persistence';

/** An `orders` row as plain data. */
export type OrderRow = { -readonly [K in keyof OrderRowEntity]: OrderRowEntity[K] };

export interface RowPlace {
  readonly accountId: string;
  readonly streamId: string;
  readonly seq: number;
}

/** Alpaca's `<status>_at`: the order's last update when it is in that (terminal) status. */
const stampedIf = (order: Order, status: OrderStatus): Date | null => (order.status === status ? new Date(order.updatedAt) : null);

export function toOrderRow(order: Order, place: RowPlace): OrderRow {
  return {
    orderId: order.orderId,
    accountId: place.accountId,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
    qty: order.qty,
    notional: order.notional,
    limitPrice: order.limitPrice,
    stopPrice: order.stopPrice,
    status: order.status,
    venueStatus: order.venueStatus,
    cancelPending: order.cancelPending,
    filledQty: order.filledQty,
    filledNotional: order.filledNotional,
    filledAvgPrice: order.filledAvgPrice,
    reservedCash: order.reservedCash,
    executionIds: [...order.executionIds],
    risk: order.risk,
    replaces: order.replaces,
    replacedBy: order.replacedBy,
    submittedAt: new Date(order.submittedAt),
    updatedAt: new Date(order.updatedAt),
    filledAt: stampedIf(order, 'filled'),
    canceledAt: stampedIf(order, 'canceled'),
    expiredAt: stampedIf(order, 'expired'),
    replacedAt: stampedIf(order, 'replaced'),
    failedAt: stampedIf(order, 'rejected'),
    streamId: place.streamId,
    lastSeq: String(place.seq),
  };
}

/** The domain order a row holds; the schema's checks guarantee the closed sets. */
export function toOrder(row: OrderRow): Order {
  return {
    orderId: row.orderId,
    clientOrderId: row.clientOrderId,
    symbol: row.symbol,
    side: row.side as OrderSide,
    type: row.type as OrderType,
    timeInForce: row.timeInForce as TimeInForce,
    qty: row.qty,
    notional: row.notional,
    limitPrice: row.limitPrice,
    stopPrice: row.stopPrice,
    status: row.status as OrderStatus,
    venueStatus: row.venueStatus as VenueStatus | null,
    cancelPending: row.cancelPending,
    filledQty: row.filledQty,
    filledNotional: row.filledNotional,
    filledAvgPrice: row.filledAvgPrice,
    executionIds: [...row.executionIds],
    reservedCash: row.reservedCash,
    risk: row.risk as RiskAcceptance,
    replaces: row.replaces,
    replacedBy: row.replacedBy,
    submittedAt: row.submittedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
