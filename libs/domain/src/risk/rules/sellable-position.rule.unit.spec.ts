import { verdictOf } from '../../testing/risk-input.fixtures';
import { sellablePositionRule } from './sellable-position.rule';

describe('sellable position (cash account, no short selling)', () => {
  const sell = { side: 'sell' as const };

  it('passes a sell of every share held that is not already promised', () => {
    expect(verdictOf(sellablePositionRule, { order: sell, account: { positionQty: '15', openSellQty: '5' } })).toBe('PASS');
  });

  it('refuses a sell of more than is held minus open sells', () => {
    expect(verdictOf(sellablePositionRule, { order: sell, account: { positionQty: '15', openSellQty: '5.5' } })).toBe('RISK.INSUFFICIENT_POSITION');
  });

  it('refuses a sell with nothing held', () => {
    expect(verdictOf(sellablePositionRule, { order: sell })).toBe('RISK.INSUFFICIENT_POSITION');
  });

  it('does not concern buys', () => {
    expect(verdictOf(sellablePositionRule)).toBe('PASS');
  });
});
