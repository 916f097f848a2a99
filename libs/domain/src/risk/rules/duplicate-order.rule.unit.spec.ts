import { RecentOrder } from '../recent-order';
import { T0, at } from '../../testing/account-book.fixtures';
import { verdictOf } from '../../testing/risk-input.fixtures';
import { duplicateOrderRule } from './duplicate-order.rule';

const twin = (overrides: Partial<RecentOrder> = {}): RecentOrder => ({
  orderId: 'o-0',
  at: T0,
  symbol: 'AAPL',
  side: 'buy',
  qty: '10',
  notional: null,
  limitPrice: '150.00',
  stopPrice: null,
  ...overrides,
});

describe('duplicate-order guard', () => {
  it('refuses the same side, symbol, quantity and price within the window', () => {
    expect(verdictOf(duplicateOrderRule, { at: at(0.999), account: { recentOrders: [twin()] } })).toBe('RISK.DUPLICATE_ORDER');
  });

  it('passes the same order once the window has passed', () => {
    expect(verdictOf(duplicateOrderRule, { at: at(1), account: { recentOrders: [twin()] } })).toBe('PASS');
  });

  it.each<[string, Partial<RecentOrder>]>([
    ['side', { side: 'sell' }],
    ['symbol', { symbol: 'MSFT' }],
    ['quantity', { qty: '11' }],
    ['price', { limitPrice: '150.01' }],
  ])('passes an order with another %s', (_field, other) => {
    expect(verdictOf(duplicateOrderRule, { account: { recentOrders: [twin(other)] } })).toBe('PASS');
  });

  it('is off with a window of 0', () => {
    expect(verdictOf(duplicateOrderRule, { limits: { duplicateOrderWindowMs: 0 }, account: { recentOrders: [twin()] } })).toBe('PASS');
  });
});
