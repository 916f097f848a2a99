import { BrokerOrder } from '@trading/broker-sdk';
import { AccountBookEvent, IsoTime, OrderSpec, OrderStatus } from '@trading/domain';
import { ExecutionJournalEntry, OmsOrderStatusObserved } from './execution-journal.entries';
import { ExecutionJournalState } from './execution-journal.state';

/** One order event as the journal reads it, with the envelope fields it needs. */
export interface OrderEventInput {
  readonly eventId: string;
  readonly correlationId: string;
  readonly event: AccountBookEvent;
}

export interface JournalDecisionContext {
  readonly at: IsoTime;
  /** The broker new orders of this account go to (decided once, recorded on the intent). */
  readonly brokerFor: (accountId: string) => string;
}

/**
 * What the execution service must do about one order event: an intent to submit, cancel or replace
 * at the broker, or a note of what the OMS made of the broker's reports. Pure; the intent is sent
 * only after it is durable in the journal.
 */
export function decideOnOrderEvent(
  { eventId, correlationId, event }: OrderEventInput,
  state: ExecutionJournalState,
  { at, brokerFor }: JournalDecisionContext,
): ExecutionJournalEntry[] {
  const { accountId } = event;
  const base = { intentId: eventId, accountId, correlationId, at };
  switch (event.type) {
    case 'OrderPlaced': {
      if (state.orders.has(event.orderId)) return [];
      const order = brokerOrder(event.orderId, accountId, event.order);
      return [{ type: 'BrokerSubmitIntended', ...base, orderId: event.orderId, broker: brokerFor(accountId), order }];
    }
    case 'OrderCancelRequested': {
      const order = state.orders.get(event.orderId);
      if (!order) return [];
      const request = { clientOrderId: order.orderId, symbol: order.symbol, side: order.side };
      return [{ type: 'BrokerCancelIntended', ...base, orderId: order.orderId, broker: order.broker, request }];
    }
    case 'OrderReplaceRequested': {
      const order = state.orders.get(event.orderId);
      if (!order || state.orders.has(event.replacementOrderId)) return [];
      const replacement = brokerOrder(event.replacementOrderId, accountId, event.order);
      return [
        {
          type: 'BrokerReplaceIntended',
          ...base,
          orderId: order.orderId,
          broker: order.broker,
          request: { clientOrderId: order.orderId, replacement },
        },
      ];
    }
    case 'OrderAcknowledged':
    case 'OrderCancelRejectedByBroker':
    case 'OrderReplaceAbandoned':
      return observed(state, event.orderId, accountId, event.status, null, at);
    case 'OrderPartiallyFilled':
    case 'OrderFilled':
      return observed(state, event.orderId, accountId, event.status, event.filledQty, at);
    case 'OrderCanceled':
      return observed(state, event.orderId, accountId, 'canceled', null, at);
    case 'OrderExpired':
      return observed(state, event.orderId, accountId, 'expired', null, at);
    case 'OrderRejectedByBroker':
      return observed(state, event.orderId, accountId, 'rejected', null, at);
    case 'OrderReplaced':
      return observed(state, event.orderId, accountId, 'replaced', null, at);
    default:
      return [];
  }
}

function observed(
  state: ExecutionJournalState,
  orderId: string,
  accountId: string,
  status: OrderStatus,
  filledQty: string | null,
  at: IsoTime,
): OmsOrderStatusObserved[] {
  if (!state.orders.has(orderId)) return [];
  return [{ type: 'OmsOrderStatusObserved', orderId, accountId, status, filledQty, at }];
}

/** Our order id is the broker's client order id: how an order of unknown fate is looked up. */
function brokerOrder(orderId: string, accountId: string, spec: OrderSpec): BrokerOrder {
  return { clientOrderId: orderId, accountId, ...spec };
}
