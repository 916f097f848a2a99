import { AccountBookEvent, FillEventFields, Order } from '@trading/domain';
import { toAlpacaOrder } from '@trading/gateway';
import { TradeUpdate, TradeUpdateEvent } from './trade-update';

export type OrderLookup = (orderId: string) => Order | undefined;

/**
 * The trade updates an account-book event means for a trader, given the orders before and after
 * it (folded with the domain's evolve). Most events change one order and give one update; a
 * completed replace gives `replaced` for the old order and `new` for its replacement; events that
 * change no order (account, limits, refused cancels) give none.
 */
export function tradeUpdatesOf(event: AccountBookEvent, before: OrderLookup, after: OrderLookup): TradeUpdate[] {
  const update = (name: TradeUpdateEvent, orderId: string): TradeUpdate[] => {
    const order = after(orderId);
    return order ? [{ event: name, order: toAlpacaOrder(order), timestamp: event.at }] : [];
  };
  switch (event.type) {
    case 'OrderPlaced':
      return update('pending_new', event.orderId);
    case 'OrderRejected':
      return [{ event: 'rejected', order: toAlpacaOrder(rejectedRequestOrder(event)), timestamp: event.at }];
    case 'OrderCancelRequested':
      return update('pending_cancel', event.orderId);
    case 'OrderReplaceRequested':
      return update('pending_replace', event.orderId);
    case 'OrderAcknowledged':
      return update(event.venueStatus, event.orderId);
    case 'OrderPartiallyFilled':
      return fillUpdate('partial_fill', event, after);
    case 'OrderFilled':
      return fillUpdate('fill', event, after);
    case 'OrderCanceled':
      return update('canceled', event.orderId);
    case 'OrderCancelRejectedByBroker':
      return update('order_cancel_rejected', event.orderId);
    case 'OrderExpired':
      return update('expired', event.orderId);
    case 'OrderRejectedByBroker':
      return update('rejected', event.orderId);
    case 'OrderReplaceAbandoned':
      return update('order_replace_rejected', event.orderId);
    case 'OrderReplaced': {
      const replacement = after(event.replacementOrderId);
      const acknowledged = replacement !== undefined && replacement !== before(event.replacementOrderId);
      return [...update('replaced', event.orderId), ...(acknowledged ? update('new', event.replacementOrderId) : [])];
    }
    default:
      return [];
  }
}

function fillUpdate(name: 'fill' | 'partial_fill', event: FillEventFields, after: OrderLookup): TradeUpdate[] {
  const order = after(event.orderId);
  if (!order) return [];
  return [
    {
      event: name,
      execution_id: event.executionId,
      order: toAlpacaOrder(order),
      price: event.price,
      qty: event.qty,
      position_qty: event.positionQty,
      timestamp: event.executedAt ?? event.at,
    },
  ];
}

/**
 * A refused PlaceOrder leaves no order in the book; the trader still learns of it, with the
 * request as it was sent (the gateway may already have answered `pending_new` with this id).
 */
function rejectedRequestOrder(event: Extract<AccountBookEvent, { type: 'OrderRejected' }>) {
  const { request } = event;
  return {
    orderId: event.orderId,
    clientOrderId: event.clientOrderId ?? request.clientOrderId ?? event.orderId,
    symbol: request.symbol,
    side: request.side,
    type: request.type,
    timeInForce: request.timeInForce,
    qty: request.qty,
    notional: request.notional,
    limitPrice: request.limitPrice,
    stopPrice: request.stopPrice,
    status: 'rejected' as const,
    filledQty: '0',
    filledAvgPrice: null,
    replaces: null,
    replacedBy: null,
    submittedAt: event.at,
    updatedAt: event.at,
  } as Parameters<typeof toAlpacaOrder>[0];
}
