import { applyDecorators, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { AdmissionGuard } from './admission/admission.guard';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AlpacaExceptionFilter } from './errors/alpaca-exception.filter';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';

/**
 * The whole edge on a controller or route, in the order it must run: shed order requests beyond
 * what the process can answer, authenticate, count against the account's quota, then
 * Idempotency-Key; every error in Alpaca's shape.
 */
export const UseGatewayEdge = (): ClassDecorator & MethodDecorator =>
  applyDecorators(
    UseFilters(AlpacaExceptionFilter),
    UseGuards(AdmissionGuard, ApiKeyGuard, RateLimitGuard),
    UseInterceptors(IdempotencyInterceptor),
  );
