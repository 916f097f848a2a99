import { normaliseSymbol } from './symbol';

describe('normaliseSymbol', () => {
  it.each([
    ['AAPL', 'AAPL'],
    ['aapl', 'AAPL'],
    ['brk.b', 'BRK.B'],
    ['BF-B', 'BF-B'],
    ['X', 'X'],
    ['ABCDEFGHIJKL', 'ABCDEFGHIJKL'],
  ])('reads %s as %s', (text, symbol) => {
    expect(normaliseSymbol(text)).toBe(symbol);
  });

  it.each(['', 'ABCDEFGHIJKLM', 'AA PL', 'BTC/USD', 'AAPL$', 'ß', 'ＡＡＰＬ'])('refuses %p', (text) => {
    expect(normaliseSymbol(text)).toBeUndefined();
  });
});
