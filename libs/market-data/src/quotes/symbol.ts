/** A market-data symbol as it travels in our messages: upper-case letters, digits, `.` and `-`. */
export const SYMBOL_PATTERN = /^[A-Z0-9.-]{1,12}$/;

const ANY_CASE_SYMBOL = /^[A-Za-z0-9.-]{1,12}$/;

/**
 * Reads a symbol typed by a client (`aapl`, `brk.b`) as the upper-case symbol, or undefined when
 * it is not one. The check runs before upper-casing, so `ß` never turns into a valid `SS`.
 */
export function normaliseSymbol(text: string): string | undefined {
  return ANY_CASE_SYMBOL.test(text) ? text.toUpperCase() : undefined;
}
