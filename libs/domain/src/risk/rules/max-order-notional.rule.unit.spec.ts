import { riskInput, verdictOf } from '../../testing/risk-input.fixtures';
import { maxOrderNotionalRule } from './max-order-notional.rule';

describe('max order notional', () => {
  it('passes an order worth exactly the limit', () => {
    expect(verdictOf(maxOrderNotionalRule, { order: { qty: '1000', limitPrice: '100.00' } })).toBe('PASS');
  });

  it('refuses an order worth a cent more, naming the rule, the numbers and the limit set', () => {
    const verdict = maxOrderNotionalRule.check(riskInput({ order: { qty: '1', limitPrice: '100000.01' } }));
    expect(verdict).toEqual({
      passed: false,
      refusal: {
        code: 'RISK.MAX_NOTIONAL',
        field: null,
        ruleId: 'max-order-notional',
        message: 'Order notional 100000.01 (1 x 100000.01) exceeds the max order notional of 100000 (rule max-order-notional, limit set v3)',
        details: { limit: '100000', requested: '100000.01', unitPrice: '100000.01', referencePrice: '150.00', limitSetVersion: 3 },
      },
    });
  });

  it('values a market order at the reference price: 1000 x 150.00 = 150000.00', () => {
    const verdict = maxOrderNotionalRule.check(riskInput({ order: { type: 'market', limitPrice: null, qty: '1000' } }));
    expect(verdict).toMatchObject({
      passed: false,
      refusal: { details: { limit: '100000', requested: '150000.00', referencePrice: '150.00', limitSetVersion: 3 } },
    });
  });

  it('values a notional order at its notional', () => {
    const order = { type: 'market' as const, limitPrice: null, qty: null, notional: '100000.01' };
    expect(verdictOf(maxOrderNotionalRule, { order })).toBe('RISK.MAX_NOTIONAL');
  });

  it('refuses a market order it cannot value (fail closed)', () => {
    expect(verdictOf(maxOrderNotionalRule, { order: { type: 'market', limitPrice: null }, referencePrice: null })).toBe('RISK.NO_REFERENCE_PRICE');
  });
});
