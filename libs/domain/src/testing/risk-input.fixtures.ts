import { OrderSpec } from '../orders/order-spec';
import { OrderContext } from '../risk/order-context';
import { estimateOrder } from '../risk/order-estimate';
import { DEFAULT_RISK_LIMITS, RiskLimits } from '../risk/risk-limits';
import { AccountExposure, RiskCheckInput, RiskRule } from '../risk/risk-rule';
import { T0, orderSpec } from './account-book.fixtures';

export interface RiskInputOverrides {
  readonly order?: Partial<OrderSpec>;
  readonly account?: Partial<AccountExposure>;
  readonly limits?: Partial<RiskLimits>;
  readonly context?: Partial<OrderContext>;
  /** Shorthand for the context's reference price of the order's symbol, observed at T0. */
  readonly referencePrice?: string | null;
  readonly at?: string;
}

/** A limit buy of 10 AAPL @ 150.00 against a fresh account with $100,000 and default limits. */
export function riskInput(overrides: RiskInputOverrides = {}): RiskCheckInput {
  const order = orderSpec(overrides.order);
  const limits = { ...DEFAULT_RISK_LIMITS, ...overrides.limits };
  const price = overrides.referencePrice === undefined ? '150.00' : overrides.referencePrice;
  const context: OrderContext = {
    referencePrice: price === null ? null : { symbol: order.symbol, price, at: T0, source: 'test-feed' },
    globalTradingState: 'ACTIVE',
    ...overrides.context,
  };
  return {
    at: overrides.at ?? T0,
    order,
    estimate: estimateOrder(order, context.referencePrice, limits.priceCollarPct),
    account: {
      cash: '100000.00',
      reservedCash: '0.00',
      positionQty: '0',
      openBuyQty: '0',
      openSellQty: '0',
      openOrderCount: 0,
      recentOrders: [],
      tradingState: 'ACTIVE',
      ...overrides.account,
    },
    limits,
    limitSetVersion: 3,
    context,
  };
}

/** The code a rule refuses with, or 'PASS'. */
export function verdictOf(rule: RiskRule, overrides: RiskInputOverrides = {}): string {
  const verdict = rule.check(riskInput(overrides));
  return verdict.passed ? 'PASS' : verdict.refusal.code;
}
