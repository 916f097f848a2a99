import { IsoTime } from '@trading/domain';
import { BrokerExecutionReport, BrokerFill } from './broker-execution-report';
import { BrokerCancel, BrokerOrder, BrokerReplace } from './broker-order';
import { BrokerOrderSnapshot } from './broker-order-snapshot';

export type BrokerReportListener = (report: BrokerExecutionReport) => void;
export type Unsubscribe = () => void;

/**
 * The one interface a broker adapter implements. Requests resolve when the broker has taken the
 * request (sent on a session, accepted by an API); what happens to the order arrives as reports.
 * A request that rejects with `BrokerUnavailableError` was certainly not sent; any other failure
 * leaves the outcome unknown, and the caller must find out with `lookup`, never by sending again.
 */
export interface BrokerAdapter {
  /** Stable name used in configuration and on events (`paper`, `fix`). */
  readonly name: string;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  isConnected(): boolean;
  submit(order: BrokerOrder): Promise<void>;
  cancel(request: BrokerCancel): Promise<void>;
  replace(request: BrokerReplace): Promise<void>;
  /** The broker's view of one of our orders, or null if the broker never received it. */
  lookup(clientOrderId: string): Promise<BrokerOrderSnapshot | null>;
  /** Every order the broker still works for us. */
  openOrders(): Promise<readonly BrokerOrderSnapshot[]>;
  /** Every fill since `since` (inclusive), for reconciliation after a restart. */
  fills(since: IsoTime): Promise<readonly BrokerFill[]>;
  /** Reports in the order the broker sent them; duplicates are possible and harmless. */
  onReport(listener: BrokerReportListener): Unsubscribe;
}

/** Nest injection token of the adapters map (name -> adapter). */
export const BROKER_ADAPTERS = Symbol('BROKER_ADAPTERS');
