import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { authenticatedAccountId } from '../auth/authenticated-account';
import { RateLimitExceededError, RateLimitUnavailableError } from '../errors/edge.errors';
import { GATEWAY_EDGE_OPTIONS, GatewayEdgeOptions } from '../gateway-edge.options';
import { RedisRateLimiter } from './redis-rate-limiter';

/**
 * Per-account request quota, after `ApiKeyGuard`. Sends Alpaca's `X-RateLimit-Limit`,
 * `-Remaining` and `-Reset` on every answer and `Retry-After` with a 429.
 *
 * When Redis does not answer it fails open by default: the quota protects capacity, not money.
 * Every order still passes the OMS's own pre-trade risk, which fails closed and has its own
 * order-rate rule, and failing closed would turn a Redis outage into a trading outage in which
 * even cancels, which must always pass, are refused. `rateLimit.failOpen: false` answers 503 instead.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger('RateLimitGuard');
  private lastWarningAt = 0;

  constructor(
    private readonly limiter: RedisRateLimiter,
    @Inject(GATEWAY_EDGE_OPTIONS) private readonly options: GatewayEdgeOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const accountId = authenticatedAccountId(http.getRequest<Request>());
    const response = http.getResponse<Response>();

    let decision;
    try {
      decision = await this.limiter.consume(accountId);
    } catch (error) {
      if (!this.options.rateLimit.failOpen) throw new RateLimitUnavailableError(error);
      this.warnAtMostEvery(10_000, `rate limit not enforced, Redis unavailable: ${error instanceof Error ? error.message : String(error)}`);
      return true;
    }

    response.setHeader('X-RateLimit-Limit', String(decision.limit));
    response.setHeader('X-RateLimit-Remaining', String(decision.remaining));
    response.setHeader('X-RateLimit-Reset', String(decision.resetAt));
    if (!decision.allowed) {
      response.setHeader('Retry-After', String(decision.retryAfterSeconds));
      throw new RateLimitExceededError(decision.retryAfterSeconds);
    }
    return true;
  }

  private warnAtMostEvery(intervalMs: number, message: string): void {
    const now = Date.now();
    if (now - this.lastWarningAt < intervalMs) return;
    this.lastWarningAt = now;
    this.logger.warn(message);
  }
}
