import { CodedError } from '@trading/domain';

/**
 * The refusals the gateway edge itself raises. The same message whatever went wrong with the
 * credentials: a client must not learn whether a key id exists.
 */
export class NotAuthorizedError extends CodedError {
  readonly code = 'AUTH.NOT_AUTHORIZED';

  constructor() {
    super('request is not authorized');
  }
}

export class AuthUnavailableError extends CodedError {
  readonly code = 'AUTH.UNAVAILABLE';

  constructor(cause: unknown) {
    super('authentication is temporarily unavailable, retry later', {}, { cause });
  }
}

export class RateLimitExceededError extends CodedError {
  readonly code = 'RATE_LIMIT.EXCEEDED';

  constructor(retryAfterSeconds: number) {
    super('rate limit exceeded', { retry_after: retryAfterSeconds });
  }
}

export class RateLimitUnavailableError extends CodedError {
  readonly code = 'RATE_LIMIT.UNAVAILABLE';

  constructor(cause: unknown) {
    super('rate limiting is temporarily unavailable, retry later', {}, { cause });
  }
}

export class GatewayOverloadedError extends CodedError {
  readonly code = 'GATEWAY.OVERLOADED';

  constructor(inProgress: number, retryAfterSeconds: number) {
    super(`the gateway is answering ${inProgress} order requests already, its most at once; retry after ${retryAfterSeconds} s`, {
      retry_after: retryAfterSeconds,
    });
  }
}

export class InvalidIdempotencyKeyError extends CodedError {
  readonly code = 'IDEMPOTENCY.INVALID_KEY';

  constructor(maxLength: number) {
    super(`Idempotency-Key must be 1 to ${maxLength} visible ASCII characters`);
  }
}

export class IdempotencyKeyInFlightError extends CodedError {
  readonly code = 'IDEMPOTENCY.IN_FLIGHT';

  constructor() {
    super('a request with this Idempotency-Key is still being processed; retry later');
  }
}

export class IdempotencyKeyReusedError extends CodedError {
  readonly code = 'IDEMPOTENCY.KEY_REUSED';

  constructor() {
    super('this Idempotency-Key was already used with a different request');
  }
}

export class IdempotencyUnavailableError extends CodedError {
  readonly code = 'IDEMPOTENCY.UNAVAILABLE';

  constructor(cause: unknown) {
    super('idempotency store is temporarily unavailable, retry later', {}, { cause });
  }
}
