import { DecimalString, IsoTime } from '@trading/domain';
import { AlpacaOrder } from '@trading/gateway';

/** Alpaca's trade-update event names this system emits. */
export type TradeUpdateEvent =
  | 'pending_new'
  | 'accepted'
  | 'new'
  | 'partial_fill'
  | 'fill'
  | 'pending_cancel'
  | 'canceled'
  | 'order_cancel_rejected'
  | 'pending_replace'
  | 'replaced'
  | 'order_replace_rejected'
  | 'expired'
  | 'rejected';

/** One order change as Alpaca's `trade_updates` stream sends it; fill fields only on fills. */
export interface TradeUpdate {
  readonly event: TradeUpdateEvent;
  readonly execution_id?: string;
  readonly order: AlpacaOrder;
  readonly price?: DecimalString;
  readonly qty?: DecimalString;
  readonly position_qty?: DecimalString;
  readonly timestamp: IsoTime;
}
