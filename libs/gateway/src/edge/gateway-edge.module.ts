import { DynamicModule, Module } from '@nestjs/common';
import { AdmissionGuard } from './admission/admission.guard';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AlpacaExceptionFilter } from './errors/alpaca-exception.filter';
import { GATEWAY_EDGE_OPTIONS, GatewayEdgeModuleOptions, resolveGatewayEdgeOptions } from './gateway-edge.options';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { RedisRateLimiter } from './rate-limit/redis-rate-limiter';

/**
 * The REST edge feature modules put in front of their controllers (see `UseGatewayEdge`): shedding
 * of order requests beyond what the process can answer, API key auth, the per-account rate limit,
 * Idempotency-Key and Alpaca-shaped errors. Import it once (its caches and counts live in its
 * instances); needs `PersistenceModule` and `RedisModule` in the app.
 */
@Module({})
export class GatewayEdgeModule {
  static forRoot(options: GatewayEdgeModuleOptions = {}): DynamicModule {
    const resolved = resolveGatewayEdgeOptions(options);
    return {
      module: GatewayEdgeModule,
      imports: [ApiKeysModule.forRoot(resolved.apiKeys)],
      providers: [
        { provide: GATEWAY_EDGE_OPTIONS, useValue: resolved },
        AdmissionGuard,
        ApiKeyGuard,
        RedisRateLimiter,
        RateLimitGuard,
        IdempotencyStore,
        IdempotencyInterceptor,
        AlpacaExceptionFilter,
      ],
      exports: [
        ApiKeysModule,
        GATEWAY_EDGE_OPTIONS,
        AdmissionGuard,
        ApiKeyGuard,
        RedisRateLimiter,
        RateLimitGuard,
        IdempotencyStore,
        IdempotencyInterceptor,
        AlpacaExceptionFilter,
      ],
    };
  }
}
