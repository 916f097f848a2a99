import { CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, mergeMap, Observable, of, catchError, throwError } from 'rxjs';
import { authenticatedAccountId } from '../auth/authenticated-account';
import { toAlpacaError } from '../errors/alpaca-error';
import {
  IdempotencyKeyInFlightError,
  IdempotencyKeyReusedError,
  IdempotencyUnavailableError,
  InvalidIdempotencyKeyError,
} from '../errors/edge.errors';
import { GATEWAY_EDGE_OPTIONS, GatewayEdgeOptions } from '../gateway-edge.options';
import { BeginOutcome, IdempotencyStore, StoredResponse } from './idempotency.store';
import { isValidIdempotencyKey, requestFingerprint } from './request-fingerprint';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * `Idempotency-Key` on POST, PATCH and DELETE, per account (after `ApiKeyGuard`): a retry gets the
 * first answer (status and body) without running the handler again; a retry while the first is
 * still running gets 409; the same key with another request gets 422. Successes and client
 * errors (4xx) are kept; after a server error the key is freed so a retry can run.
 *
 * Fails closed: a client that sends the header asked for at-most-once, so when Redis does not
 * answer the request is refused with 503 rather than run unprotected.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('IdempotencyInterceptor');

  constructor(
    private readonly store: IdempotencyStore,
    @Inject(GATEWAY_EDGE_OPTIONS) private readonly options: GatewayEdgeOptions,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (key === undefined || !this.options.idempotency.methods.includes(request.method)) return next.handle();
    if (typeof key !== 'string' || !isValidIdempotencyKey(key, this.options.idempotency.maxKeyLength)) {
      throw new InvalidIdempotencyKeyError(this.options.idempotency.maxKeyLength);
    }
    const accountId = authenticatedAccountId(request);
    const fingerprint = requestFingerprint(request.method, request.originalUrl, request.body);

    return from(this.begin(accountId, key, fingerprint)).pipe(
      mergeMap((outcome) => {
        if (outcome.kind !== 'acquired') {
          if (outcome.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
          if (outcome.kind === 'in_flight') throw new IdempotencyKeyInFlightError();
          response.status(outcome.response.status);
          response.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
          return of(outcome.response.body);
        }
        const settle = { accountId, key, owner: outcome.owner, fingerprint };
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            await this.complete(settle, { status: response.statusCode, body: body ?? null });
            return body;
          }),
          catchError((error: unknown) => from(this.settleFailure(settle, error)).pipe(mergeMap(() => throwError(() => error)))),
        );
      }),
    );
  }

  private async begin(accountId: string, key: string, fingerprint: string): Promise<BeginOutcome> {
    try {
      return await this.store.begin(accountId, key, fingerprint);
    } catch (error) {
      this.logger.error(`idempotency store unavailable: ${error instanceof Error ? error.message : String(error)}`);
      throw new IdempotencyUnavailableError(error);
    }
  }

  private async settleFailure(settle: Settle, error: unknown): Promise<void> {
    const answer = toAlpacaError(error);
    if (answer.intended && answer.status < 500) {
      await this.complete(settle, { status: answer.status, body: answer.body });
      return;
    }
    try {
      await this.store.release(settle.accountId, settle.key, settle.owner);
    } catch (releaseError) {
      // The claim then expires after idempotency.lockTtlMs; retries meanwhile get 409.
      this.logger.warn(`could not free an idempotency key: ${String(releaseError)}`);
    }
  }

  /** The answer still goes out when it cannot be kept; a retry then waits for the claim to expire. */
  private async complete(settle: Settle, stored: StoredResponse): Promise<void> {
    try {
      await this.store.complete(settle.accountId, settle.key, settle.owner, settle.fingerprint, stored);
    } catch (error) {
      this.logger.warn(`could not keep a response for replay: ${String(error)}`);
    }
  }
}

interface Settle {
  readonly accountId: string;
  readonly key: string;
  readonly owner: string;
  readonly fingerprint: string;
}
