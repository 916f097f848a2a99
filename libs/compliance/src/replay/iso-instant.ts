/** Epoch milliseconds of 1970-01-01 and of 10000-01-01: the instants whose ISO text the check below parses. */
const FROM_MS = 0;
const UNTIL_MS = 253_402_300_800_000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

const leap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The digits at `start` (length `count`) as a number; NaN unless all are ASCII digits. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * `text === new Date(ms).toISOString()`, without building the ISO string (replay checks every
 * archived row's occurredAt against its column). Exact: `text` must have the canonical
 * `YYYY-MM-DDTHH:mm:ss.sssZ` shape with fields in range (no 24:00, no February 30), and then it is
 * the ISO text of exactly one instant; `Date.UTC` of its fields must be `ms`. Instants outside
 * 1970..9999 take the plain comparison.
 */
export function isIsoTextOf(text: string, ms: number): boolean {
  if (!(ms >= FROM_MS && ms < UNTIL_MS)) return Number.isFinite(ms) && text === new Date(ms).toISOString();
  if (text.length !== 24) return false;
  if (
    text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58 || text.charCodeAt(19) !== 46 || text.charCodeAt(23) !== 90
  ) {
    return false;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const milli = digits(text, 20, 3);
  // a year below 1970 cannot be ms's (and Date.UTC would read 0070 as 1970)
  if (!(year >= 1970 && month >= 1 && month <= 12 && hour < 24 && minute < 60 && second < 60 && milli >= 0)) return false;
  const days = month === 2 && leap(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (!(day >= 1 && day <= days)) return false;
  return Date.UTC(year, month - 1, day, hour, minute, second, milli) === ms;
}
