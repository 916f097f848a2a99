import { OrderRequest, ReplaceRequest } from '../../orders/order-request';
import { OrderSpec } from '../../orders/order-spec';
import { OrderStatus } from '../../orders/order-status';
import { RiskAcceptance } from '../../risk/risk-acceptance';
import { Refusal } from '../../shared/refusal';
import { EventBase } from './event-base';

/** Validation and risk passed: the order exists, `pending_new` until the broker acknowledges it. */
export interface OrderPlaced extends EventBase {
  readonly type: 'OrderPlaced';
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly order: OrderSpec;
  readonly risk: RiskAcceptance;
}

/** A PlaceOrder refused by validation, risk or the account: no order exists in the book. */
export interface OrderRejected extends EventBase {
  readonly type: 'OrderRejected';
  readonly orderId: string;
  readonly clientOrderId: string | null;
  readonly request: OrderRequest;
  readonly reason: Refusal;
}

export interface OrderCancelRequested extends EventBase {
  readonly type: 'OrderCancelRequested';
  readonly orderId: string;
  readonly previousStatus: OrderStatus;
}

export interface CancelRejected extends EventBase {
  readonly type: 'CancelRejected';
  readonly orderId: string;
  readonly reason: Refusal;
}

/** Precedes one `OrderCancelRequested` per listed order; the list may be empty. */
export interface CancelAllOrdersRequested extends EventBase {
  readonly type: 'CancelAllOrdersRequested';
  readonly orderIds: readonly string[];
}

/**
 * The replacement passed validation and risk: it exists as `pending_new` with `replaces` set, the
 * old order is `pending_replace` until the broker reports it `replaced` (or the replacement dies).
 */
export interface OrderReplaceRequested extends EventBase {
  readonly type: 'OrderReplaceRequested';
  readonly orderId: string;
  readonly replacementOrderId: string;
  readonly clientOrderId: string;
  readonly order: OrderSpec;
  readonly risk: RiskAcceptance;
}

export interface ReplaceRejected extends EventBase {
  readonly type: 'ReplaceRejected';
  readonly orderId: string;
  readonly replacementOrderId: string;
  readonly request: ReplaceRequest;
  readonly reason: Refusal;
}
