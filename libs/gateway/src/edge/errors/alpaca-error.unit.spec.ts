import { BadRequestException, HttpException, InternalServerErrorException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { CodedError } from '@trading/domain';
import { NotAuthorizedError, RateLimitExceededError } from './edge.errors';
import { toAlpacaError } from './alpaca-error';

class MaxNotionalError extends CodedError {
  readonly code = 'RISK.MAX_NOTIONAL';
}

class OverfillError extends CodedError {
  readonly code = 'EXECUTION.OVERFILL';
}

const internal = { status: 500, body: { code: 50010000, message: 'internal server error', reason: 'INTERNAL' }, intended: false };

describe('toAlpacaError', () => {
  it('answers a coded error with its status, Alpaca code, message, namespaced reason and numbers', () => {
    const error = new MaxNotionalError('order notional 250000.00 exceeds the limit 100000.00', { notional: '250000.00', limit: '100000.00' });

    expect(toAlpacaError(error)).toEqual({
      status: 403,
      body: {
        code: 40310000,
        message: 'order notional 250000.00 exceeds the limit 100000.00',
        reason: 'RISK.MAX_NOTIONAL',
        details: { notional: '250000.00', limit: '100000.00' },
      },
      intended: true,
    });
  });

  it("answers a refused credential exactly as Alpaca does, plus the reason", () => {
    expect(toAlpacaError(new NotAuthorizedError())).toEqual({
      status: 401,
      body: { code: 40110000, message: 'request is not authorized', reason: 'AUTH.NOT_AUTHORIZED' },
      intended: true,
    });
    expect(toAlpacaError(new RateLimitExceededError(12)).body).toMatchObject({ code: 42910000, message: 'rate limit exceeded' });
  });

  it('hides a coded error no client was meant to see', () => {
    expect(toAlpacaError(new OverfillError('fill of 10 exceeds the 5 left on order 42'))).toEqual(internal);
  });

  it('hides anything else thrown, whatever its message says', () => {
    expect(toAlpacaError(new Error('password authentication failed for user "trading" at 10.0.0.5'))).toEqual(internal);
    expect(toAlpacaError('a string')).toEqual(internal);
    expect(toAlpacaError(undefined)).toEqual(internal);
    expect(toAlpacaError(new InternalServerErrorException('select * from api_keys failed'))).toEqual(internal);
  });

  it('keeps the status and message of Nest HTTP exceptions', () => {
    expect(toAlpacaError(new NotFoundException('order not found')).body).toEqual({
      code: 40410000,
      message: 'order not found',
      reason: 'HTTP.NOT_FOUND',
    });
    expect(toAlpacaError(new UnprocessableEntityException(['qty must be positive', 'side is required'])).body).toEqual({
      code: 42210000,
      message: 'qty must be positive; side is required',
      reason: 'HTTP.UNPROCESSABLE_ENTITY',
    });
    expect(toAlpacaError(new HttpException('slow down', 429)).status).toBe(429);
  });

  it('names a malformed JSON body as such (400, as Alpaca)', () => {
    const parserError = new BadRequestException(`Expected property name or '}' in JSON at position 1 (line 1 column 2)`);

    expect(toAlpacaError(parserError)).toEqual({
      status: 400,
      body: {
        code: 40010000,
        message: `malformed JSON body: Expected property name or '}' in JSON at position 1 (line 1 column 2)`,
        reason: 'REQUEST.MALFORMED_JSON',
      },
      intended: true,
    });
  });

  it("keeps the body parser's own client errors (too large, bad charset)", () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, statusCode: 413, expose: true, type: 'entity.too.large' });

    expect(toAlpacaError(tooLarge)).toEqual({
      status: 413,
      body: { code: 41310000, message: 'request entity too large', reason: 'HTTP.PAYLOAD_TOO_LARGE' },
      intended: true,
    });
    expect(toAlpacaError(Object.assign(new Error('internal'), { status: 413, expose: false }))).toEqual(internal);
  });
});
