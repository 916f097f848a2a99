/**
 * The domain's decimal arithmetic (decimal.js at 64 significant digits, half-even) on scaled safe
 * integers: `150.25` is `{ units: 15025, scale: 2 }`. Every value and result is kept a safe
 * integer, where sums, differences, products and the remainders of a division are exact, and so
 * equal to decimal.js's; anything else is refused (`OutsideExactRange`) rather than computed
 * differently, and the caller takes the domain's own path. Replay folds with these because
 * parsing and formatting through decimal.js costs microseconds per value; the equality tests hold
 * them to the domain's results.
 */
export interface ScaledDecimal {
  readonly units: number;
  readonly scale: number;
}

/** Thrown where the scaled decimals cannot promise decimal.js's result. */
export class OutsideExactRange extends Error {}

const outside = new OutsideExactRange('outside the exact range of the replay decimals');
/** Digits a parsed decimal may have: below 10^15, safely under 2^53. */
const MAX_PARSED_DIGITS = 15;
/** decimal.js's precision in the domain (`Dec`). */
const DECIMAL_JS_DIGITS = 64;
const POWERS: readonly number[] = Array.from({ length: 16 }, (_, k) => 10 ** k);

export const ZERO: ScaledDecimal = { units: 0, scale: 0 };

const power = (exponent: number): number => {
  const value = POWERS[exponent];
  if (value === undefined) throw outside;
  return value;
};

/** A product or sum of safe integers is exact exactly when it is itself a safe integer. */
const safe = (units: number, scale: number): ScaledDecimal => {
  if (!Number.isSafeInteger(units)) throw outside;
  return { units, scale };
};

/** A plain decimal as the domain writes one (`-12.50`, `7`); anything else is refused. */
export function scaled(text: string): ScaledDecimal {
  const length = text.length;
  let index = text.charCodeAt(0) === 45 ? 1 : 0;
  const negative = index === 1;
  let units = 0;
  let digits = 0;
  let scale = -1;
  for (; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) {
      units = units * 10 + (code - 48);
      digits += 1;
      if (scale >= 0) scale += 1;
    } else if (code === 46 && scale < 0 && digits > 0 && index < length - 1) {
      scale = 0;
    } else {
      throw outside;
    }
  }
  if (digits === 0 || digits > MAX_PARSED_DIGITS) throw outside;
  return { units: negative ? -units : units, scale: scale < 0 ? 0 : scale };
}

export function plus(a: ScaledDecimal, b: ScaledDecimal): ScaledDecimal {
  if (a.scale === b.scale) return safe(a.units + b.units, a.scale);
  return a.scale > b.scale ? safe(a.units + b.units * power(a.scale - b.scale), a.scale) : safe(a.units * power(b.scale - a.scale) + b.units, b.scale);
}

export function minus(a: ScaledDecimal, b: ScaledDecimal): ScaledDecimal {
  return plus(a, negated(b));
}

export function times(a: ScaledDecimal, b: ScaledDecimal): ScaledDecimal {
  return safe(a.units * b.units, a.scale + b.scale);
}

export function negated(a: ScaledDecimal): ScaledDecimal {
  return { units: -a.units, scale: a.scale };
}

export function absolute(a: ScaledDecimal): ScaledDecimal {
  return a.units < 0 ? negated(a) : a;
}

/** The value, refused when zero (decimal.js keeps the sign of a zero, which these do not). */
export function nonZero(a: ScaledDecimal): ScaledDecimal {
  if (a.units === 0) throw outside;
  return a;
}

export function compare(a: ScaledDecimal, b: ScaledDecimal): number {
  const difference = minus(a, b).units;
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

/**
 * `a.div(b).toDecimalPlaces(decimals)` of decimal.js: the quotient rounded half-even to 64
 * significant digits, then to `decimals` places. That is the exactly rounded quotient unless the
 * first rounding lands on a tie of the second, which needs the quotient closer to a tie than that
 * rounding's step. A quotient of safe integers never is (scaled by 10^decimals it lies at least
 * 1 / (2 x denominator) > 10^-17 from a tie, and the step is below 10^-40); one scaled beyond them
 * is divided as bigints and refused when it comes that close.
 */
export function quotient(a: ScaledDecimal, b: ScaledDecimal, decimals: number): ScaledDecimal {
  if (b.units === 0 || decimals > 9) throw outside;
  const shift = decimals + b.scale - a.scale;
  let numerator = shift >= 0 ? a.units * 10 ** shift : a.units;
  let denominator = shift >= 0 ? b.units : b.units * 10 ** -shift;
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) {
    return bigQuotient(BigInt(a.units) * 10n ** BigInt(Math.max(shift, 0)), BigInt(b.units) * 10n ** BigInt(Math.max(-shift, 0)), decimals);
  }
  if (denominator < 0) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const magnitude = Math.abs(numerator);
  const remainder = magnitude % denominator;
  let units = (magnitude - remainder) / denominator;
  const twice = 2 * remainder;
  if (twice > denominator || (twice === denominator && units % 2 === 1)) units += 1;
  return safe(numerator < 0 ? -units : units, decimals);
}

function bigQuotient(numerator: bigint, denominator: bigint, decimals: number): ScaledDecimal {
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let units = magnitude / denominator;
  const twice = 2n * (magnitude - units * denominator);
  // the first rounding's step, in units of 10^-decimals, is 10^-(64 - decimals - integer digits)
  const integerPart = units / 10n ** BigInt(decimals);
  const exactDigits = DECIMAL_JS_DIGITS - decimals - (integerPart === 0n ? 0 : integerPart.toString().length);
  const fromTie = twice > denominator ? twice - denominator : denominator - twice;
  if (exactDigits <= 0 || (fromTie !== 0n && fromTie * 10n ** BigInt(exactDigits) <= denominator)) throw outside;
  if (twice > denominator || (twice === denominator && units % 2n === 1n)) units += 1n;
  return safe(Number(negative ? -units : units), decimals);
}

/** `formatDecimal` of the domain: plain notation, at least `minDecimals` places, never `-0`. */
export function formatted(value: ScaledDecimal, minDecimals: number): string {
  const negative = value.units < 0;
  let digits = String(negative ? -value.units : value.units);
  const scale = value.scale;
  if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
  const point = digits.length - scale;
  let end = digits.length;
  while (end > point && digits.charCodeAt(end - 1) === 48) end -= 1;
  const places = end - point;
  const integer = scale === 0 ? digits : digits.slice(0, point);
  const sign = negative ? '-' : '';
  if (places === 0 && minDecimals === 0) return sign + integer;
  const fraction = places >= minDecimals ? digits.slice(point, end) : digits.slice(point, end) + '0'.repeat(minDecimals - places);
  return `${sign}${integer}.${fraction}`;
}
