import { BrokerAdapterContractHooks, ContractOrderKind, describeBrokerAdapterContract } from '@trading/broker-contract-kit';
import { BrokerOrder } from '@trading/broker-sdk';
import type { LatestQuotes, Quote } from '@trading/market-data';
import { PaperExchangeAdapter } from './adapter/paper-exchange.adapter';
import { TimerScheduler } from './adapter/timer.scheduler';
import { resolvePaperExchangeConfig } from './config/paper-exchange.config';

/** A market that moves on every read: each read is a new quote, so resting orders keep finding liquidity. */
class TickingQuotes implements Pick<LatestQuotes, 'latest'> {
  private ticks = 0;

  latest(symbol: string): Quote | undefined {
    if (symbol !== 'AAPL') return undefined;
    this.ticks += 1;
    const quotedAt = new Date(Date.UTC(2024, 4, 1, 14, 0, 0, this.ticks)).toISOString();
    return { symbol, bidPrice: '99.98', bidSize: 10, askPrice: '100.02', askSize: 10, source: 'contract', quotedAt };
  }
}

const TERMS: Record<ContractOrderKind, Partial<BrokerOrder>> = {
  'market-fills': { qty: '3' },
  'limit-fills': { type: 'limit', limitPrice: '100.05', qty: '3' },
  'limit-rests': { type: 'limit', limitPrice: '90.00', qty: '3' },
  // the quote shows 10: 25 fills as 10, 10 and 5 over three quotes
  'partially-fills': { qty: '25' },
  rejected: { symbol: 'NOQUOTE' },
};

const hooks: BrokerAdapterContractHooks = {
  name: 'paper',
  capabilities: { cancel: true, replace: true, restingOrders: true },
  createAdapter: async () =>
    new PaperExchangeAdapter({
      config: resolvePaperExchangeConfig({ latencyMs: 1, quotePollMs: 5, sessionCloseUtc: null }),
      quotes: new TickingQuotes(),
      clock: { now: () => new Date() },
      scheduler: new TimerScheduler(),
    }),
  order: (kind, clientOrderId) => ({
    clientOrderId,
    accountId: 'contract-account',
    symbol: 'AAPL',
    side: 'buy',
    type: 'market',
    timeInForce: 'day',
    qty: '1',
    notional: null,
    limitPrice: null,
    stopPrice: null,
    ...TERMS[kind],
  }),
  redeliver: async (adapter) => {
    if (!(adapter instanceof PaperExchangeAdapter)) throw new Error('not a paper adapter');
    adapter.redeliver();
  },
  reportTimeoutMs: 2000,
};

describeBrokerAdapterContract(hooks);
