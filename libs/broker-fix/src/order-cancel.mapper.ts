import { BrokerCancel, BrokerReplace } from '@trading/broker-sdk';
import { DecimalString } from '@trading/domain';
import { FIX_SIDE } from './fix-codes';
import { FixBody, orderFields } from './new-order-single.mapper';

/**
 * OrderCancelRequest (35=F). A cancel is a request of its own with its own ClOrdID
 * (`requestId`); OrigClOrdID names our order. OrderQty is the order's quantity when we know it.
 */
export function toOrderCancelRequest(
  cancel: BrokerCancel,
  requestId: string,
  orderQty: DecimalString | null,
  transactTime: Date,
): FixBody {
  return {
    OrigClOrdID: cancel.clientOrderId,
    ClOrdID: requestId,
    Instrument: { Symbol: cancel.symbol },
    Side: FIX_SIDE[cancel.side],
    TransactTime: transactTime,
    OrderQtyData: orderQty === null ? {} : { OrderQty: orderQty },
  };
}

/** OrderCancelReplaceRequest (35=G): the replacement's ClOrdID is its new client order id. */
export function toOrderCancelReplaceRequest(replace: BrokerReplace, broker: string, transactTime: Date): FixBody {
  return { OrigClOrdID: replace.clientOrderId, ...orderFields(replace.replacement, broker, transactTime) };
}
