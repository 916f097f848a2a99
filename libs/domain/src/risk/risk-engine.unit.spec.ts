import { riskInput } from '../testing/risk-input.fixtures';
import { DEFAULT_RISK_RULES, createRiskEngine } from './risk-engine';
import { PASS, RiskRule } from './risk-rule';

describe('risk engine', () => {
  it('passes an order every rule passes', () => {
    expect(createRiskEngine().check(riskInput())).toEqual({ passed: true });
  });

  it('stops at the first refusal, in rule order', () => {
    const calls: string[] = [];
    const rule = (id: string, passes: boolean): RiskRule => ({
      id,
      check(input) {
        calls.push(id);
        return passes ? PASS : { passed: false, refusal: { code: 'RISK.MAX_ORDER_QTY', message: id, field: null, ruleId: id, details: { v: input.limitSetVersion } } };
      },
    });
    const verdict = createRiskEngine([rule('a', true), rule('b', false), rule('c', false)]).check(riskInput());
    expect(verdict).toMatchObject({ passed: false, refusal: { ruleId: 'b' } });
    expect(calls).toEqual(['a', 'b']);
  });

  it('runs the kill switch first and the reference price before the rules that need a price', () => {
    const ids = DEFAULT_RISK_RULES.map((rule) => rule.id);
    expect(ids[0]).toBe('trading-state');
    expect(ids.indexOf('reference-price')).toBeLessThan(ids.indexOf('max-order-notional'));
    expect(new Set(ids).size).toBe(12);
  });

  it('refuses a halted account before looking at the price', () => {
    const verdict = createRiskEngine().check(riskInput({ referencePrice: null, account: { tradingState: 'HALTED' } }));
    expect(verdict).toMatchObject({ passed: false, refusal: { code: 'RISK.TRADING_HALTED' } });
  });
});
