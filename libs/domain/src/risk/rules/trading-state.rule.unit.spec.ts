import { RiskInputOverrides, verdictOf } from '../../testing/risk-input.fixtures';
import { tradingStateRule } from './trading-state.rule';

describe('trading state (kill switch)', () => {
  it('passes everything when account and global are ACTIVE', () => {
    expect(verdictOf(tradingStateRule)).toBe('PASS');
  });

  it.each<[string, RiskInputOverrides]>([
    ['the account', { account: { tradingState: 'HALTED' } }],
    ['the whole system', { context: { globalTradingState: 'HALTED' } }],
  ])('refuses every order when %s is HALTED, even one reducing a position', (_who, overrides) => {
    expect(verdictOf(tradingStateRule, overrides)).toBe('RISK.TRADING_HALTED');
    const sell = { ...overrides, order: { side: 'sell' as const }, account: { ...overrides.account, positionQty: '50' } };
    expect(verdictOf(tradingStateRule, sell)).toBe('RISK.TRADING_HALTED');
  });

  describe('REDUCING (account or global) lets only exposure-reducing orders through', () => {
    const reducing = { tradingState: 'REDUCING' as const };

    it('passes a sell of part of a long position', () => {
      expect(verdictOf(tradingStateRule, { order: { side: 'sell' }, account: { ...reducing, positionQty: '10' } })).toBe('PASS');
    });

    it('refuses a sell beyond the position, counting open sells', () => {
      const account = { ...reducing, positionQty: '15', openSellQty: '6' };
      expect(verdictOf(tradingStateRule, { order: { side: 'sell' }, account })).toBe('RISK.TRADING_REDUCING');
    });

    it('refuses a buy that adds to a long position', () => {
      expect(verdictOf(tradingStateRule, { account: { ...reducing, positionQty: '10' } })).toBe('RISK.TRADING_REDUCING');
    });

    it('passes a buy that covers a short position', () => {
      expect(verdictOf(tradingStateRule, { account: { ...reducing, positionQty: '-10' } })).toBe('PASS');
    });

    it('applies a global REDUCING to an ACTIVE account', () => {
      expect(verdictOf(tradingStateRule, { context: { globalTradingState: 'REDUCING' } })).toBe('RISK.TRADING_REDUCING');
    });
  });
});
