import { DecimalString } from '../decimal';
import { RiskAcceptance } from '../risk/risk-acceptance';
import { IsoTime } from '../shared/iso-time';
import { OrderSpec } from './order-spec';
import { OrderStatus, VenueStatus } from './order-status';

/** One order of the account book, as the OMS knows it. Plain data, safe to snapshot as JSON. */
export interface Order extends OrderSpec {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly status: OrderStatus;
  /** The broker's last acknowledgement; null until the broker has seen the order. */
  readonly venueStatus: VenueStatus | null;
  /** A cancel was requested and the broker has not answered yet. */
  readonly cancelPending: boolean;
  readonly filledQty: DecimalString;
  /** Sum of qty x price over the fills, exact: the average price is derived from it. */
  readonly filledNotional: DecimalString;
  readonly filledAvgPrice: DecimalString | null;
  readonly executionIds: readonly string[];
  /** Cash still held for the unfilled part (buys only); zero once the order is terminal. */
  readonly reservedCash: DecimalString;
  readonly risk: RiskAcceptance;
  /** The order this one replaces, and the order replacing this one (Alpaca `replaces`, `replaced_by`). */
  readonly replaces: string | null;
  readonly replacedBy: string | null;
  readonly submittedAt: IsoTime;
  readonly updatedAt: IsoTime;
}

export interface NewOrder {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly spec: OrderSpec;
  readonly risk: RiskAcceptance;
  readonly replaces: string | null;
  readonly at: IsoTime;
}

/** An order the OMS has just accepted: `pending_new` until the broker acknowledges it. */
export function createOrder(order: NewOrder): Order {
  return {
    ...order.spec,
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    status: 'pending_new',
    venueStatus: null,
    cancelPending: false,
    filledQty: '0',
    filledNotional: '0.00',
    filledAvgPrice: null,
    executionIds: [],
    reservedCash: order.risk.reservedCash,
    risk: order.risk,
    replaces: order.replaces,
    replacedBy: null,
    submittedAt: order.at,
    updatedAt: order.at,
  };
}
