import { verdictOf } from '../../testing/risk-input.fixtures';
import { maxOrderQtyRule } from './max-order-qty.rule';

describe('max order quantity', () => {
  const limits = { maxOrderQty: '100' };

  it('passes exactly the limit', () => {
    expect(verdictOf(maxOrderQtyRule, { limits, order: { qty: '100', limitPrice: '1.00' } })).toBe('PASS');
  });

  it('refuses one share more', () => {
    expect(verdictOf(maxOrderQtyRule, { limits, order: { qty: '100.000000001', limitPrice: '1.00' } })).toBe('RISK.MAX_ORDER_QTY');
  });

  it('estimates a notional order at the reference price, rounding up: $15,000.01 at 150.00 is 100.000000067 shares', () => {
    const order = { type: 'market' as const, limitPrice: null, qty: null, notional: '15000.01' };
    expect(verdictOf(maxOrderQtyRule, { limits, order })).toBe('RISK.MAX_ORDER_QTY');
    expect(verdictOf(maxOrderQtyRule, { limits, order: { ...order, notional: '15000.00' } })).toBe('PASS');
  });
});
