import { alpacaCodeForStatus, httpStatusForCode } from './http-status-table';

describe('HTTP status for a namespaced code', () => {
  it.each([
    ['RISK.MAX_NOTIONAL', 403],
    ['RISK.BUYING_POWER', 403],
    ['RISK.TRADING_HALTED', 403],
    ['ORDER.INVALID_QTY', 422],
    ['ORDER.MISSING_LIMIT_PRICE', 422],
    ['ORDER.DUPLICATE_CLIENT_ORDER_ID', 422],
    ['ORDER.NOT_CANCELABLE', 422],
    ['ORDER.NOT_FOUND', 404],
    ['ACCOUNT.NOT_FOUND', 404],
    ['ANYTHING.NOT_FOUND', 404],
    ['ACCOUNT.ALREADY_OPEN', 409],
    ['ACCOUNT.INVALID_CASH', 422],
    ['LIMITS.INVALID', 422],
    ['AUTH.NOT_AUTHORIZED', 401],
    ['RATE_LIMIT.EXCEEDED', 429],
    ['IDEMPOTENCY.IN_FLIGHT', 409],
    ['IDEMPOTENCY.KEY_REUSED', 422],
    ['IDEMPOTENCY.INVALID_KEY', 400],
    ['IDEMPOTENCY.UNAVAILABLE', 503],
  ])('%s -> %i', (code, status) => {
    expect(httpStatusForCode(code)).toBe(status);
  });

  it.each(['EXECUTION.OVERFILL', 'KAFKA.COPARTITION_MISMATCH', 'CONFIG.INVALID', 'NOT_NAMESPACED', '.NOT_FOUND', 'ORDER.'])(
    '%s is not meant for clients',
    (code) => {
      expect(httpStatusForCode(code)).toBeNull();
    },
  );

  it('prefers an exact code, then a reason in any area, then the rest of the area', () => {
    const table = { 'ORDER.NOT_FOUND': 410, '*.NOT_FOUND': 404, 'ORDER.*': 422 };

    expect(httpStatusForCode('ORDER.NOT_FOUND', table)).toBe(410);
    expect(httpStatusForCode('RISK.NOT_FOUND', table)).toBe(404);
    expect(httpStatusForCode('ORDER.INVALID_QTY', table)).toBe(422);
  });

  it.each([
    [401, 40110000],
    [403, 40310000],
    [422, 42210000],
    [429, 42910000],
    [500, 50010000],
  ])('Alpaca code for %i is %i', (status, code) => {
    expect(alpacaCodeForStatus(status)).toBe(code);
  });
});
