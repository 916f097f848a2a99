import { DEFAULT_RISK_LIMITS, RiskLimitsPatch } from './risk-limits';
import { updateRiskLimits } from './risk-limits-update';

describe('updating risk limits', () => {
  it('merges the given fields, canonical, and keeps the others', () => {
    const result = updateRiskLimits(DEFAULT_RISK_LIMITS, { maxOrderNotional: '250000.50', restrictedSymbols: ['gme', 'AMC', 'GME'], maxOpenOrders: 5 });
    expect(result).toEqual({
      ok: true,
      value: {
        limits: { ...DEFAULT_RISK_LIMITS, maxOrderNotional: '250000.5', restrictedSymbols: ['AMC', 'GME'], maxOpenOrders: 5 },
        changes: { maxOrderNotional: '250000.5', restrictedSymbols: ['AMC', 'GME'], maxOpenOrders: 5 },
      },
    });
  });

  it('refuses an empty update', () => {
    expect(updateRiskLimits(DEFAULT_RISK_LIMITS, {})).toMatchObject({ ok: false, refusals: [{ code: 'LIMITS.EMPTY_UPDATE' }] });
  });

  it.each<[string, RiskLimitsPatch | Record<string, unknown>]>([
    ['a negative decimal', { maxOrderQty: '-1' }],
    ['a decimal given as a number', { maxOrderNotional: 5 }],
    ['a fractional count', { maxOpenOrders: 1.5 }],
    ['a negative window', { orderRateWindowMs: -1 }],
    ['a symbol that is not one', { restrictedSymbols: ['AAPL', 'not a symbol'] }],
    ['an unknown limit', { maxLeverage: '2' }],
  ])('refuses %s, naming the field', (_name, patch) => {
    const result = updateRiskLimits(DEFAULT_RISK_LIMITS, patch);
    expect(result).toMatchObject({ ok: false, refusals: [{ code: 'LIMITS.INVALID', field: Object.keys(patch)[0] }] });
  });
});
