import { BrokerOrder, BrokerUnsupportedError } from '@trading/broker-sdk';
import { needsLimitPrice, needsStopPrice } from '@trading/domain';
import { FIX_ORD_TYPE, FIX_SIDE, FIX_TIME_IN_FORCE } from './fix-codes';

/** A FIX message body keyed by the field and component names of the FIX 4.4 dictionary. */
export type FixBody = Readonly<Record<string, unknown>>;

/**
 * The order fields NewOrderSingle (35=D) and OrderCancelReplaceRequest (35=G) share. Prices and
 * quantities go out as the exact decimal strings we hold (the encoder writes strings verbatim).
 * Refuses, before anything is sent, what FIX 4.4 cannot carry as given.
 */
export function orderFields(order: BrokerOrder, broker: string, transactTime: Date): FixBody {
  if (order.qty === null) throw new BrokerUnsupportedError(broker, 'notional orders (FIX needs OrderQty)');
  if (needsLimitPrice(order.type) && order.limitPrice === null) {
    throw new BrokerUnsupportedError(broker, `a ${order.type} order without a limit price`);
  }
  if (needsStopPrice(order.type) && order.stopPrice === null) {
    throw new BrokerUnsupportedError(broker, `a ${order.type} order without a stop price`);
  }
  return {
    ClOrdID: order.clientOrderId,
    Instrument: { Symbol: order.symbol },
    Side: FIX_SIDE[order.side],
    TransactTime: transactTime,
    OrderQtyData: { OrderQty: order.qty },
    OrdType: FIX_ORD_TYPE[order.type],
    ...(needsLimitPrice(order.type) ? { Price: order.limitPrice } : {}),
    ...(needsStopPrice(order.type) ? { StopPx: order.stopPrice } : {}),
    TimeInForce: FIX_TIME_IN_FORCE[order.timeInForce],
  };
}

export function toNewOrderSingle(order: BrokerOrder, broker: string, transactTime: Date): FixBody {
  return orderFields(order, broker, transactTime);
}
