import { CanActivate, ExecutionContext, Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { TradingMetrics } from '@trading/observability';
import type { Request, Response } from 'express';
import { GatewayOverloadedError } from '../errors/edge.errors';
import { GATEWAY_EDGE_OPTIONS, GatewayEdgeOptions } from '../gateway-edge.options';

/** The requests that place or replace orders; cancels (DELETE) and reads always pass. */
const ADMITTED_METHODS = new Set(['POST', 'PATCH']);
const RETRY_AFTER_SECONDS = 1;
const WARNING_INTERVAL_MS = 10_000;

/**
 * Sheds the order requests a process cannot keep up with, first of the edge, before any work is
 * done for them: beyond `admission.maxOrderRequestsInProgress` POST and PATCH requests being
 * answered at once, one more is refused with 503 `GATEWAY.OVERLOADED` and `Retry-After`, and
 * nothing is appended. Without it, an overloaded gateway took every request and answered all of
 * them late: at 2.5x the machine's capacity, the answers took seconds and most ended
 * `pending_new`. Cancels pass whatever the load, as they do the kill switch: they reduce risk.
 */
@Injectable()
export class AdmissionGuard implements CanActivate {
  private readonly logger = new Logger('AdmissionGuard');
  private inProgress = 0;
  private shed = 0;
  private lastWarningAt = 0;

  constructor(
    @Inject(GATEWAY_EDGE_OPTIONS) private readonly options: GatewayEdgeOptions,
    @Optional() private readonly metrics?: TradingMetrics,
  ) {}

  /** Order requests being answered now. */
  get ordersInProgress(): number {
    return this.inProgress;
  }

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    if (!ADMITTED_METHODS.has(http.getRequest<Request>().method)) return true;
    const limit = this.options.admission.maxOrderRequestsInProgress;
    const response = http.getResponse<Response>();
    if (limit > 0 && this.inProgress >= limit) {
      this.shed += 1;
      this.metrics?.ordersShed.inc();
      this.warnAtMostEveryInterval(limit);
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      throw new GatewayOverloadedError(limit, RETRY_AFTER_SECONDS);
    }
    this.inProgress += 1;
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.inProgress -= 1;
    };
    // `close` alone covers a client that hung up; `finish` frees the slot as soon as the answer is out
    response.once('finish', release);
    response.once('close', release);
    return true;
  }

  private warnAtMostEveryInterval(limit: number): void {
    const now = Date.now();
    if (now - this.lastWarningAt < WARNING_INTERVAL_MS) return;
    this.lastWarningAt = now;
    this.logger.warn(`overloaded: ${limit} order requests in progress; ${this.shed} refused with 503 since the last warning`);
    this.shed = 0;
  }
}
