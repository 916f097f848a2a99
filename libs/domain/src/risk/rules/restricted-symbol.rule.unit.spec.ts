import { verdictOf } from '../../testing/risk-input.fixtures';
import { restrictedSymbolRule } from './restricted-symbol.rule';

describe('restricted symbols', () => {
  it('refuses a restricted symbol', () => {
    expect(verdictOf(restrictedSymbolRule, { limits: { restrictedSymbols: ['AAPL'] } })).toBe('RISK.RESTRICTED_SYMBOL');
  });

  it('passes any other symbol', () => {
    expect(verdictOf(restrictedSymbolRule, { limits: { restrictedSymbols: ['GME'] } })).toBe('PASS');
  });
});
