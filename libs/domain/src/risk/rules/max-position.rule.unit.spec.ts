import { verdictOf } from '../../testing/risk-input.fixtures';
import { maxPositionRule } from './max-position.rule';

describe('max position per symbol', () => {
  const limits = { maxPositionQty: '100' };

  it('counts the position, open buys and this buy: 60 + 30 + 10 = 100 passes', () => {
    expect(verdictOf(maxPositionRule, { limits, account: { positionQty: '60', openBuyQty: '30' } })).toBe('PASS');
  });

  it('refuses a buy that would take it past the limit', () => {
    expect(verdictOf(maxPositionRule, { limits, account: { positionQty: '60', openBuyQty: '30.5' } })).toBe('RISK.MAX_POSITION');
  });

  it('lets a sell reduce a position above the limit', () => {
    expect(verdictOf(maxPositionRule, { limits, order: { side: 'sell' }, account: { positionQty: '150' } })).toBe('PASS');
  });
});

describe('max position per symbol, short side', () => {
  it('refuses a sell that would take a position past the limit on the short side', () => {
    const overrides = { limits: { maxPositionQty: '5' }, order: { side: 'sell' as const }, account: { positionQty: '-1' } };
    expect(verdictOf(maxPositionRule, overrides)).toBe('RISK.MAX_POSITION');
  });
});
