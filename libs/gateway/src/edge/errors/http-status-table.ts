/**
 * Which HTTP status a namespaced error code becomes at the REST edge: the only place the choice
 * is made. Patterns are `AREA.REASON` (exact), `*.REASON` (that reason in any area) or `AREA.*`
 * (the rest of an area); the most specific match wins, in that order. A code matching nothing
 * was never meant for clients: it answers 500 and its message is not shown.
 */
export const HTTP_STATUS_BY_CODE: Readonly<Record<string, number>> = Object.freeze({
  'AUTH.NOT_AUTHORIZED': 401,
  'AUTH.UNAVAILABLE': 503,
  'RATE_LIMIT.EXCEEDED': 429,
  'RATE_LIMIT.UNAVAILABLE': 503,
  'GATEWAY.OVERLOADED': 503,
  'IDEMPOTENCY.INVALID_KEY': 400,
  'IDEMPOTENCY.IN_FLIGHT': 409,
  'IDEMPOTENCY.KEY_REUSED': 422,
  'IDEMPOTENCY.UNAVAILABLE': 503,

  '*.NOT_FOUND': 404,

  // Alpaca answers 403 for buying power and other account-level refusals of a valid order.
  'RISK.*': 403,
  // Invalid fields, duplicate client_order_id, and orders not in a state to cancel/replace.
  'ORDER.*': 422,
  'ACCOUNT.ALREADY_OPEN': 409,
  'ACCOUNT.*': 422,
  'LIMITS.*': 422,
  // A malformed X-Consistency-Token on a read (see libs/gateway/src/queries).
  'CONSISTENCY.*': 422,
});

export const UNMAPPED_STATUS = 500;

/** The HTTP status for a namespaced code, or null when the code is not meant for clients. */
export function httpStatusForCode(
  code: string,
  table: Readonly<Record<string, number>> = HTTP_STATUS_BY_CODE,
): number | null {
  const dot = code.indexOf('.');
  if (dot <= 0 || dot === code.length - 1) return table[code] ?? null;
  const area = code.slice(0, dot);
  const reason = code.slice(dot + 1);
  return table[code] ?? table[`*.${reason}`] ?? table[`${area}.*`] ?? null;
}

/**
 * Alpaca's numeric error code: the HTTP status followed by `10000` (`40110000`, `42210000`,
 * `42910000`), the family its SDKs and clients recognise.
 */
export function alpacaCodeForStatus(status: number): number {
  return status * 100_000 + 10_000;
}
