import { BrokerOrder } from '@trading/broker-sdk';
import { ContractOrderKind } from './broker-adapter-contract.hooks';
import { describeBrokerAdapterContract } from './describe-broker-adapter-contract';
import { FillOnlyStubAdapter } from './fill-only.stub-adapter';

// the kit against a venue that can do little: every scenario must still pass, by its refusal
const TERMS: Record<ContractOrderKind, Partial<BrokerOrder>> = {
  'market-fills': {},
  'limit-fills': { type: 'limit', limitPrice: '101.00' },
  'limit-rests': { type: 'limit', limitPrice: '90.00' },
  'partially-fills': { type: 'limit', limitPrice: '90.00', qty: '20' },
  rejected: { symbol: 'BAD' },
};

describeBrokerAdapterContract({
  name: 'fill-only stub',
  capabilities: { cancel: false, replace: false, restingOrders: false },
  createAdapter: async () => new FillOnlyStubAdapter(),
  order: (kind, clientOrderId) => ({
    clientOrderId,
    accountId: 'kit',
    symbol: 'AAPL',
    side: 'buy',
    type: 'market',
    timeInForce: 'day',
    qty: '2',
    notional: null,
    limitPrice: null,
    stopPrice: null,
    ...TERMS[kind],
  }),
  redeliver: async (adapter) => {
    if (!(adapter instanceof FillOnlyStubAdapter)) throw new Error('not the stub');
    adapter.redeliver();
  },
  reportTimeoutMs: 2000,
});
