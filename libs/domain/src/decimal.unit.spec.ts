import { Dec, formatDecimal, formatMoney, formatQty, parseDecimal } from './decimal';

const QTY = { maxDecimals: 9, sign: 'positive', max: '1000000000' } as const;

describe('decimal', () => {
  describe('parseDecimal', () => {
    it.each(['1', '0.5', '123.456789012', '1000000000'])('accepts %s', (text) => {
      expect(parseDecimal(text, QTY)).toMatchObject({ ok: true });
    });

    it.each([
      ['', 'is required'],
      ['abc', 'is not a plain decimal number'],
      ['NaN', 'is not a plain decimal number'],
      ['Infinity', 'is not a plain decimal number'],
      ['1e3', 'is not a plain decimal number'],
      [' 1', 'is not a plain decimal number'],
      ['+1', 'is not a plain decimal number'],
      ['.5', 'is not a plain decimal number'],
      ['0', 'must be greater than 0'],
      ['-1', 'must be greater than 0'],
      ['0.0000000001', 'must have at most 9 decimal places'],
      ['1000000000.5', 'must be at most 1000000000'],
    ])('refuses %j: %s', (text, problem) => {
      const result = parseDecimal(text, QTY);
      expect(result.ok ? 'accepted' : result.problem).toContain(problem);
    });

    it('accepts zero when the sign may be non-negative', () => {
      expect(parseDecimal('0', { ...QTY, sign: 'non-negative' })).toMatchObject({ ok: true });
    });

    it('refuses null and absurdly long input', () => {
      expect(parseDecimal(null, QTY).ok).toBe(false);
      expect(parseDecimal('1'.repeat(65), QTY).ok).toBe(false);
    });
  });

  describe('arithmetic', () => {
    it('is exact where binary floats are not', () => {
      expect(0.1 + 0.2).not.toBe(0.3);
      expect(new Dec('0.1').plus('0.2').toFixed()).toBe('0.3');
      expect(new Dec('0.1').times('100.10').plus(new Dec('0.2').times('100.20')).toFixed()).toBe('30.05');
    });

    it('multiplies the largest bounded quantity by the largest bounded price without rounding', () => {
      const product = new Dec('999999999.999999999').times('999999999.999999999');
      expect(product.toFixed()).toBe('999999999999999998.000000000000000001');
    });
  });

  describe('formatting', () => {
    it('writes money with at least two decimals and keeps more when there are more', () => {
      expect(formatMoney(new Dec('150'))).toBe('150.00');
      expect(formatMoney(new Dec('100.1'))).toBe('100.10');
      expect(formatMoney(new Dec('100.166666667'))).toBe('100.166666667');
    });

    it('writes quantities without padding and never in exponent notation', () => {
      expect(formatQty(new Dec('10.000'))).toBe('10');
      expect(formatQty(new Dec('0.000000001'))).toBe('0.000000001');
      expect(formatQty(new Dec('1e21'))).toBe('1000000000000000000000');
    });

    it('never writes negative zero', () => {
      expect(formatDecimal(new Dec('-0'))).toBe('0');
      expect(formatMoney(new Dec('0').negated())).toBe('0.00');
    });
  });
});
