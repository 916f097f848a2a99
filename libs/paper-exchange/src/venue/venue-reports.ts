import { BrokerExecutionReport, BrokerFill } from '@trading/broker-sdk';
import { Dec, IsoTime, formatPrice, formatQty } from '@trading/domain';
import { VenueOrder } from './venue-order';

const base = (order: VenueOrder, at: IsoTime) => ({
  clientOrderId: order.order.clientOrderId,
  brokerOrderId: order.brokerOrderId,
  at,
});

export const acknowledged = (order: VenueOrder, at: IsoTime): BrokerExecutionReport => ({
  ...base(order, at),
  kind: 'acknowledged',
  venueStatus: 'new',
});

export const rejected = (order: VenueOrder, reason: string, at: IsoTime): BrokerExecutionReport => ({
  ...base(order, at),
  kind: 'rejected',
  reason,
});

export const canceled = (order: VenueOrder, reason: string | null, at: IsoTime): BrokerExecutionReport => ({
  ...base(order, at),
  kind: 'canceled',
  reason,
});

export const expired = (order: VenueOrder, at: IsoTime): BrokerExecutionReport => ({ ...base(order, at), kind: 'expired' });

export const replaced = (order: VenueOrder, replacementClientOrderId: string, at: IsoTime): BrokerExecutionReport => ({
  ...base(order, at),
  kind: 'replaced',
  replacementClientOrderId,
});

/** On an order the venue does not know, there is no broker order id. */
export const cancelRejected = (
  clientOrderId: string,
  order: VenueOrder | undefined,
  reason: string,
  at: IsoTime,
): BrokerExecutionReport => ({
  clientOrderId,
  brokerOrderId: order?.brokerOrderId ?? null,
  at,
  kind: 'cancel_rejected',
  reason,
});

export interface Execution {
  readonly executionId: string;
  readonly qty: Dec;
  readonly price: Dec;
  readonly venue: string;
  readonly at: IsoTime;
}

/** A fill report for an order whose `filledQty` already includes this execution. */
export const fill = (order: VenueOrder, execution: Execution): BrokerFill => ({
  ...base(order, execution.at),
  kind: order.filledQty.gte(order.qty) ? 'fill' : 'partial_fill',
  executionId: execution.executionId,
  qty: formatQty(execution.qty),
  price: formatPrice(execution.price),
  venue: execution.venue,
});
