import { AVG_PRICE_DECIMALS, dec, formatDecimal } from '@trading/domain';
import fc from 'fast-check';
import { formatted, minus, OutsideExactRange, plus, quotient, scaled, times } from './scaled-decimal';

/** Plain decimals of up to `digits` digits and `decimals` places, either sign. */
const decimalText = (digits: number, decimals: number): fc.Arbitrary<string> =>
  fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** BigInt(digits) - 1n }), fc.integer({ min: 0, max: decimals })).map(([negative, units, places]) => {
    const text = units.toString().padStart(places + 1, '0');
    const plain = places === 0 ? text : `${text.slice(0, text.length - places)}.${text.slice(text.length - places)}`;
    return negative ? `-${plain}` : plain;
  });

/** The scaled result, or `outside` where the scaled decimals refuse. */
function attempt(compute: () => string): string {
  try {
    return compute();
  } catch (error) {
    if (error instanceof OutsideExactRange) return 'outside';
    throw error;
  }
}

describe('scaled decimals compute what decimal.js at the domain\'s precision computes', () => {
  const operand = fc.oneof(decimalText(7, 4), decimalText(15, 9));

  it.each([
    ['150.25', 0, '150.25'], ['150.00', 2, '150.00'], ['150', 2, '150.00'], ['-0.50', 0, '-0.5'], ['0.000', 0, '0'], ['-0', 2, '0.00'], ['007.10', 0, '7.1'],
  ])('formats %s with at least %i places as %s', (text, places, expected) => {
    expect(formatted(scaled(text), places)).toBe(expected);
    expect(formatDecimal(dec(text), places)).toBe(expected);
  });

  it.each(['', '-', '1.', '.5', '1e5', '+1', ' 1', '1,5', '1.2.3', '0x10', '1234567890123456', 'NaN'])('refuses "%s", which the domain never writes', (text) => {
    expect(() => scaled(text)).toThrow(OutsideExactRange);
  });

  it('given any two operands, then sums, differences and products are decimal.js\'s or refused', () => {
    let computed = 0;
    fc.assert(
      fc.property(operand, operand, fc.integer({ min: 0, max: 4 }), (a, b, places) => {
        const exact = (value: ReturnType<typeof dec>) => formatDecimal(value, places);
        for (const [scaledResult, reference] of [
          [() => formatted(plus(scaled(a), scaled(b)), places), () => exact(dec(a).plus(b))],
          [() => formatted(minus(scaled(a), scaled(b)), places), () => exact(dec(a).minus(b))],
          [() => formatted(times(scaled(a), scaled(b)), places), () => exact(dec(a).times(b))],
        ] as const) {
          const result = attempt(scaledResult);
          if (result !== 'outside') computed += 1;
          expect(result).toBe(result === 'outside' ? 'outside' : reference());
        }
      }),
      { numRuns: 2_000 },
    );
    expect(computed).toBeGreaterThan(2_000);
  });

  it('given any quotient, then it is decimal.js\'s division rounded half-even to 9 places, or refused', () => {
    const divisor = fc.oneof(decimalText(5, 4), decimalText(12, 9)).filter((text) => !dec(text).isZero());
    let computed = 0;
    fc.assert(
      fc.property(fc.oneof(decimalText(9, 4), decimalText(15, 6)), divisor, (a, b) => {
        const result = attempt(() => formatted(quotient(scaled(a), scaled(b), AVG_PRICE_DECIMALS), 2));
        if (result !== 'outside') computed += 1;
        expect(result).toBe(result === 'outside' ? 'outside' : formatDecimal(dec(a).div(b).toDecimalPlaces(AVG_PRICE_DECIMALS), 2));
      }),
      { numRuns: 3_000 },
    );
    expect(computed).toBeGreaterThan(1_000);
  });

  it('rounds the ties of a quotient to even, as the domain does', () => {
    expect(formatted(quotient(scaled('0.0000000025'), scaled('1'), 9), 0)).toBe('0.000000002');
    expect(formatDecimal(dec('0.0000000025').div(1).toDecimalPlaces(9), 0)).toBe('0.000000002');
    expect(formatted(quotient(scaled('5'), scaled('2000000000'), 9), 0)).toBe('0.000000002');
    expect(formatted(quotient(scaled('15'), scaled('2000000000'), 9), 0)).toBe('0.000000008');
    expect(formatted(quotient(scaled('-15'), scaled('2000000000'), 9), 0)).toBe('-0.000000008');
  });

  it('refuses what would leave the safe integers rather than round', () => {
    expect(() => times(scaled('999999999999999'), scaled('999999999999999'))).toThrow(OutsideExactRange);
    expect(() => plus(scaled('999999999999999'), scaled('0.000000001'))).toThrow(OutsideExactRange);
    expect(() => quotient(scaled('1'), scaled('0'), 9)).toThrow(OutsideExactRange);
  });
});
