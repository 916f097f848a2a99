import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, AppConfigModule } from '@trading/config';
import { GatewayOrdersModule, GatewayQueriesModule } from '@trading/gateway';
import { HealthModule } from '@trading/health';
import { MarketDataModule } from '@trading/market-data';
import { MessagingModule } from '@trading/messaging';
import { PersistenceModule } from '@trading/persistence';
import { RedisModule } from '@trading/redis';
import { loadTradeUpdatesSettings, TradeUpdatesModule } from '@trading/trade-updates';

/**
 * The HTTP edge alone: order entry, queries, quotes and the SSE stream, with /health and /metrics.
 * It decides nothing and projects nothing: the OMS, execution, projector (with the trade-updates
 * notifier), archiver and market-data processes do. Scale it freely; every instance reads the whole
 * order-events log for its view.
 */
@Module({})
export class GatewayAppModule {
  static forRoot(config: AppConfig, env: Readonly<Record<string, string | undefined>> = process.env): DynamicModule {
    // quotes are read here (the quotes endpoint, current prices); the market-data process publishes them
    const marketData = MarketDataModule.forRoot({ publish: false });
    // the same options everywhere: Nest then builds one edge (one key cache, one rate limiter)
    const edge = {
      rateLimit: { limit: config.GATEWAY_RATE_LIMIT_PER_MINUTE },
      admission: { maxOrderRequestsInProgress: config.GATEWAY_MAX_ORDER_REQUESTS_IN_PROGRESS },
    };
    return {
      module: GatewayAppModule,
      imports: [
        AppConfigModule.forRoot(),
        MessagingModule,
        PersistenceModule,
        RedisModule,
        marketData,
        GatewayOrdersModule.forRoot({
          decisionTimeoutMs: config.GATEWAY_DECISION_TIMEOUT_MS,
          consistencyTimeoutMs: config.GATEWAY_CONSISTENCY_TIMEOUT_MS,
          edge,
        }),
        GatewayQueriesModule.forRoot({ marketData, consistencyTimeoutMs: config.GATEWAY_CONSISTENCY_TIMEOUT_MS, edge }),
        TradeUpdatesModule.forRoot({ ...loadTradeUpdatesSettings(env), edge, notifier: false }),
        HealthModule.forRoot(['kafka', 'postgres', 'redis', 'dynamodb']),
      ],
    };
  }
}
