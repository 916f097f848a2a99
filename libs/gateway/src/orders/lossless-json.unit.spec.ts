import { parseJsonKeepingNumbers } from './lossless-json';

describe('parseJsonKeepingNumbers', () => {
  it('keeps numbers as their exact text', () => {
    expect(parseJsonKeepingNumbers('{"qty": 0.1, "limit_price": 123456789.123456789, "n": -5e-3}')).toEqual({
      qty: '0.1',
      limit_price: '123456789.123456789',
      n: '-5e-3',
    });
  });

  it('keeps a number of any length whole', () => {
    expect(parseJsonKeepingNumbers(`{"qty": ${'1'.repeat(1000)}}`)).toEqual({ qty: '1'.repeat(1000) });
  });

  it('leaves strings alone, escapes and digits inside them included', () => {
    expect(parseJsonKeepingNumbers('{"s": "a \\"1.5\\" b", "t": "2"}')).toEqual({ s: 'a "1.5" b', t: '2' });
  });

  it('keeps the other JSON values', () => {
    expect(parseJsonKeepingNumbers('[true, false, null, {"a": [1, "x"]}]')).toEqual([true, false, null, { a: ['1', 'x'] }]);
  });

  it.each(['{"qty": }', '{"qty": -}', '{"qty": 1', 'qty=1', '{"a": 1}}'])('rejects malformed JSON %s', (text) => {
    expect(() => parseJsonKeepingNumbers(text)).toThrow(SyntaxError);
  });
});
