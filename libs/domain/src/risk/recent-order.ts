import { DecimalString } from '../decimal';
import { OrderSide } from '../orders/order-values';
import { IsoTime } from '../shared/iso-time';

/** An order accepted recently, remembered for the order-rate and duplicate-order rules. */
export interface RecentOrder {
  readonly orderId: string;
  readonly at: IsoTime;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly qty: DecimalString | null;
  readonly notional: DecimalString | null;
  readonly limitPrice: DecimalString | null;
  readonly stopPrice: DecimalString | null;
}
