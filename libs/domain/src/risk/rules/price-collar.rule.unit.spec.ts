import { riskInput, verdictOf } from '../../testing/risk-input.fixtures';
import { priceCollarRule } from './price-collar.rule';

describe('price collar', () => {
  it.each([
    ['165.00', 'PASS'],
    ['135.00', 'PASS'],
    ['165.01', 'RISK.PRICE_COLLAR'],
    ['134.99', 'RISK.PRICE_COLLAR'],
  ])('limit %s against 150.00 with a 10%% collar: %s', (limitPrice, expected) => {
    expect(verdictOf(priceCollarRule, { order: { limitPrice } })).toBe(expected);
  });

  it('names the deviation and the collar', () => {
    const verdict = priceCollarRule.check(riskInput({ order: { limitPrice: '180.00' } }));
    expect(verdict).toMatchObject({
      passed: false,
      refusal: {
        message: 'Limit price 180.00 is 20% from the reference price 150.00, the collar is 10% (rule price-collar, limit set v3)',
        details: { limit: '10', limitPrice: '180.00', referencePrice: '150.00', deviationPct: '20' },
      },
    });
  });

  it('does not concern orders without a limit price', () => {
    expect(verdictOf(priceCollarRule, { order: { type: 'market', limitPrice: null } })).toBe('PASS');
  });
});
