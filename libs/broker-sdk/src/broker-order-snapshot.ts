import { DecimalString, IsoTime } from '@trading/domain';
import { BrokerOrder } from './broker-order';

/** Where the broker says an order is, for lookups and reconciliation. */
export type BrokerOrderState = 'working' | 'filled' | 'canceled' | 'rejected' | 'expired' | 'replaced';

export interface BrokerOrderSnapshot {
  readonly order: BrokerOrder;
  readonly brokerOrderId: string;
  readonly state: BrokerOrderState;
  readonly filledQty: DecimalString;
  readonly updatedAt: IsoTime;
}
