import { OrderSide, OrderSpec } from '@trading/domain';

/**
 * An order as the execution service hands it to a broker. `clientOrderId` is our OMS order id: it
 * is unique, and it is how an order whose submit outcome is unknown is looked up at the broker.
 * Exactly one of `qty` and `notional` is set.
 */
export interface BrokerOrder extends OrderSpec {
  readonly clientOrderId: string;
  readonly accountId: string;
}

export interface BrokerCancel {
  /** Our id of the working order to cancel. */
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
}

/** Replace the working order `clientOrderId` by `replacement` (a new client order id). */
export interface BrokerReplace {
  readonly clientOrderId: string;
  readonly replacement: BrokerOrder;
}
