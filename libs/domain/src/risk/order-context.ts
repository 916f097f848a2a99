import { ReferencePrice } from './reference-price';
import { TradingState } from './trading-state';

/**
 * What the outside world said when the OMS decided: put on the command by the OMS before it calls
 * `decide`, recorded in the resulting event, never looked up again on replay.
 */
export interface OrderContext {
  /** Latest price of the order's symbol, or null when the OMS has none. */
  readonly referencePrice: ReferencePrice | null;
  readonly globalTradingState: TradingState;
}
