import { verdictOf } from '../../testing/risk-input.fixtures';
import { maxOpenOrdersRule } from './max-open-orders.rule';

describe('max open orders', () => {
  it('passes while the account has fewer open orders than the limit', () => {
    expect(verdictOf(maxOpenOrdersRule, { limits: { maxOpenOrders: 3 }, account: { openOrderCount: 2 } })).toBe('PASS');
  });

  it('refuses once the account has the limit open', () => {
    expect(verdictOf(maxOpenOrdersRule, { limits: { maxOpenOrders: 3 }, account: { openOrderCount: 3 } })).toBe('RISK.MAX_OPEN_ORDERS');
  });
});
