import { riskInput, verdictOf } from '../../testing/risk-input.fixtures';
import { buyingPowerRule } from './buying-power.rule';

describe('buying power', () => {
  it('passes a buy costing exactly the cash not held by open orders: 1500.00 of 2000.00 - 500.00', () => {
    expect(verdictOf(buyingPowerRule, { account: { cash: '2000.00', reservedCash: '500.00' } })).toBe('PASS');
  });

  it('refuses a buy costing a cent more, with the numbers', () => {
    const verdict = buyingPowerRule.check(riskInput({ account: { cash: '2000.00', reservedCash: '500.01' } }));
    expect(verdict).toMatchObject({
      passed: false,
      refusal: {
        code: 'RISK.BUYING_POWER',
        ruleId: 'buying-power',
        details: { requested: '1500.00', buyingPower: '1499.99', cash: '2000.00', reservedCash: '500.01' },
      },
    });
  });

  it('holds a market buy at the reference price plus the collar: 10 x 165.00', () => {
    const market = { order: { type: 'market' as const, limitPrice: null } };
    expect(verdictOf(buyingPowerRule, { ...market, account: { cash: '1650.00' } })).toBe('PASS');
    expect(verdictOf(buyingPowerRule, { ...market, account: { cash: '1649.99' } })).toBe('RISK.BUYING_POWER');
  });

  it('needs no cash to sell shares', () => {
    expect(verdictOf(buyingPowerRule, { order: { side: 'sell' }, account: { cash: '0.00' } })).toBe('PASS');
  });
});
