import { RecentOrder } from '../recent-order';
import { T0, at } from '../../testing/account-book.fixtures';
import { verdictOf } from '../../testing/risk-input.fixtures';
import { orderRateRule } from './order-rate.rule';

const recent = (orderId: string, time: string): RecentOrder => ({
  orderId,
  at: time,
  symbol: 'MSFT',
  side: 'buy',
  qty: '1',
  notional: null,
  limitPrice: '300.00',
  stopPrice: null,
});

describe('order rate', () => {
  const limits = { maxOrdersPerWindow: 2, orderRateWindowMs: 10_000 };

  it('passes while fewer orders than the limit fall in the window', () => {
    expect(verdictOf(orderRateRule, { limits, at: at(10), account: { recentOrders: [recent('a', at(5))] } })).toBe('PASS');
  });

  it('refuses when the window already holds the limit', () => {
    const recentOrders = [recent('a', at(1)), recent('b', at(5))];
    expect(verdictOf(orderRateRule, { limits, at: at(10), account: { recentOrders } })).toBe('RISK.ORDER_RATE');
  });

  it('forgets an order exactly one window old', () => {
    const recentOrders = [recent('a', T0), recent('b', at(5))];
    expect(verdictOf(orderRateRule, { limits, at: at(10), account: { recentOrders } })).toBe('PASS');
  });
});
