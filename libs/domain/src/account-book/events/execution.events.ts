import { DecimalString } from '../../decimal';
import { OrderStatus, VenueStatus } from '../../orders/order-status';
import { OrderSide } from '../../orders/order-values';
import { IsoTime } from '../../shared/iso-time';
import { Refusal } from '../../shared/refusal';
import { ExecutionReport } from '../commands/execution-report';
import { EventBase } from './event-base';

export interface OrderAcknowledged extends EventBase {
  readonly type: 'OrderAcknowledged';
  readonly orderId: string;
  readonly venueStatus: VenueStatus;
  readonly status: OrderStatus;
}

/** One execution, with the order's totals and the account's cash and position after it. */
export interface FillEventFields extends EventBase {
  readonly orderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly executionId: string;
  readonly qty: DecimalString;
  readonly price: DecimalString;
  /** Where and when the broker says it executed; null when the report did not say (v1 events and reports). */
  readonly venue: string | null;
  readonly executedAt: IsoTime | null;
  readonly filledQty: DecimalString;
  readonly filledAvgPrice: DecimalString;
  readonly status: OrderStatus;
  readonly cash: DecimalString;
  readonly positionQty: DecimalString;
}

export interface OrderPartiallyFilled extends FillEventFields {
  readonly type: 'OrderPartiallyFilled';
}

export interface OrderFilled extends FillEventFields {
  readonly type: 'OrderFilled';
}

export interface OrderCanceled extends EventBase {
  readonly type: 'OrderCanceled';
  readonly orderId: string;
  readonly reason: string | null;
}

/** The broker refused to cancel: the order keeps working in `status`. */
export interface OrderCancelRejectedByBroker extends EventBase {
  readonly type: 'OrderCancelRejectedByBroker';
  readonly orderId: string;
  readonly reason: string | null;
  readonly status: OrderStatus;
}

export interface OrderExpired extends EventBase {
  readonly type: 'OrderExpired';
  readonly orderId: string;
}

export interface OrderRejectedByBroker extends EventBase {
  readonly type: 'OrderRejectedByBroker';
  readonly orderId: string;
  readonly reason: string | null;
}

/** The old order `orderId` is `replaced`; the replacement is working (`new` if not acknowledged yet). */
export interface OrderReplaced extends EventBase {
  readonly type: 'OrderReplaced';
  readonly orderId: string;
  readonly replacementOrderId: string;
}

/** The replacement ended before replacing `orderId`, which keeps working in `status`. */
export interface OrderReplaceAbandoned extends EventBase {
  readonly type: 'OrderReplaceAbandoned';
  readonly orderId: string;
  readonly replacementOrderId: string;
  readonly status: OrderStatus;
}

/** A broker report that could not apply (unknown order, impossible transition, overfill...). */
export interface ExecutionReportRejected extends EventBase {
  readonly type: 'ExecutionReportRejected';
  readonly orderId: string;
  readonly report: ExecutionReport;
  readonly reason: Refusal;
}
