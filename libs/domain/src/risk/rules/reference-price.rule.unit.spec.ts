import { riskInput, verdictOf } from '../../testing/risk-input.fixtures';
import { T0, at } from '../../testing/account-book.fixtures';
import { referencePriceRule } from './reference-price.rule';

describe('reference price (fail closed)', () => {
  const limits = { maxReferencePriceAgeMs: 5_000 };

  it('passes a price exactly as old as allowed', () => {
    expect(verdictOf(referencePriceRule, { limits, at: at(5) })).toBe('PASS');
  });

  it('refuses a price a millisecond older, saying how old', () => {
    const verdict = referencePriceRule.check(riskInput({ limits, at: at(5.001) }));
    expect(verdict).toMatchObject({ passed: false, refusal: { code: 'RISK.STALE_REFERENCE_PRICE', details: { ageMs: 5001, maxAgeMs: 5000 } } });
  });

  it('refuses a market order with no price at all', () => {
    expect(verdictOf(referencePriceRule, { order: { type: 'market', limitPrice: null }, referencePrice: null })).toBe('RISK.NO_REFERENCE_PRICE');
  });

  it('refuses a price of another symbol', () => {
    const context = { referencePrice: { symbol: 'MSFT', price: '300.00', at: T0, source: 'feed' } };
    expect(verdictOf(referencePriceRule, { context })).toBe('RISK.NO_REFERENCE_PRICE');
  });

  it('refuses a price that is not a positive number', () => {
    expect(verdictOf(referencePriceRule, { referencePrice: '0' })).toBe('RISK.NO_REFERENCE_PRICE');
    expect(verdictOf(referencePriceRule, { referencePrice: 'n/a' })).toBe('RISK.NO_REFERENCE_PRICE');
  });
});
