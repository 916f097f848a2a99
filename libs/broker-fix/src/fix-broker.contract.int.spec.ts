import { describeBrokerAdapterContract } from '@trading/broker-contract-kit';
import { BrokerOrder } from '@trading/broker-sdk';
import { FixBrokerAdapter } from './fix-broker.adapter';
import { executorAdapter, startExecutor } from './testing/fix-executor.harness';

const base = { accountId: 'acc-contract', symbol: 'AAPL', side: 'buy', timeInForce: 'day', qty: '5', notional: null } as const;

/**
 * The shared broker-adapter scenarios against the real QuickFIX/J executor. The executor fills
 * every market and limit order at once and whole (limit orders at their limit price), supports
 * neither cancel nor replace, and refuses order types outside ValidOrderTypes (1, 2). So it can
 * rest nothing and never fills in parts: an order of those kinds is sent as a stop order, which
 * it refuses (session Reject 35=3 -> `rejected`).
 */
describeBrokerAdapterContract({
  name: 'FIX 4.4 / QuickFIX/J executor',
  capabilities: { cancel: false, replace: false, restingOrders: false },
  reportTimeoutMs: 10_000,
  beforeAll: async () => startExecutor(),
  createAdapter: async () => executorAdapter(),
  order: (kind, clientOrderId): BrokerOrder => {
    switch (kind) {
      case 'market-fills':
        return { ...base, clientOrderId, type: 'market', limitPrice: null, stopPrice: null };
      case 'limit-fills':
        return { ...base, clientOrderId, type: 'limit', limitPrice: '101.25', stopPrice: null };
      case 'limit-rests':
      case 'partially-fills':
      case 'rejected':
        return { ...base, clientOrderId, type: 'stop', limitPrice: null, stopPrice: '99.50' };
    }
  },
  // A ResendRequest from seq 1: the executor sends its reports again with PossDupFlag=Y.
  redeliver: (adapter) => (adapter as FixBrokerAdapter).requestResend(1),
});
