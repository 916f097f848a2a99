import { DecimalString } from '../decimal';
import { OrderSide, OrderType, TimeInForce } from './order-values';

/**
 * A validated order: every decimal canonical (quantities plain, prices and notional with at least
 * two decimals), exactly one of `qty` / `notional`, prices present exactly where the type needs them.
 */
export interface OrderSpec {
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly qty: DecimalString | null;
  readonly notional: DecimalString | null;
  readonly limitPrice: DecimalString | null;
  readonly stopPrice: DecimalString | null;
}
