import { BrokerAdapter, BrokerOrder } from '@trading/broker-sdk';

/** Orders whose outcome at the venue under test is known in advance. */
export type ContractOrderKind =
  /** A market order that fills completely. */
  | 'market-fills'
  /** A limit order priced to fill completely at once. */
  | 'limit-fills'
  /** A limit order priced away from the market: it rests, working, until canceled. */
  | 'limit-rests'
  /** An order that fills in at least two executions. */
  | 'partially-fills'
  /** An order the venue rejects. */
  | 'rejected';

/** What the venue under test can do; the kit asserts the documented refusal for the rest. */
export interface ContractCapabilities {
  /** Cancels a working order (else a cancel ends in `cancel_rejected` or `BrokerUnsupportedError`). */
  readonly cancel: boolean;
  /** Replaces a working order (else `BrokerUnsupportedError` or a rejected replacement). */
  readonly replace: boolean;
  /** Can rest an order (`limit-rests`) and fill in several executions (`partially-fills`). */
  readonly restingOrders: boolean;
}

/**
 * The few factory hooks a strategy team writes to run the whole broker-adapter scenario matrix
 * (`describeBrokerAdapterContract`) against its adapter.
 */
export interface BrokerAdapterContractHooks {
  /** Shown in the test names. */
  readonly name: string;
  readonly capabilities: ContractCapabilities;
  /** Once before the suite: start the venue (a local simulator, a test counterparty...). */
  beforeAll?(): Promise<void>;
  afterAll?(): Promise<void>;
  /** A new adapter, not yet connected, on a venue in a known state. */
  createAdapter(): Promise<BrokerAdapter>;
  /** An order of that kind with this client order id (unique per call). */
  order(kind: ContractOrderKind, clientOrderId: string): BrokerOrder;
  /**
   * Makes the venue deliver again reports it already delivered (a resend after reconnect, a
   * replay); the kit checks the repeats carry the same execution ids.
   */
  redeliver(adapter: BrokerAdapter): Promise<void>;
  /** Longest wait for one expected report, in ms (default 5000). */
  readonly reportTimeoutMs?: number;
}
