import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, AppConfigModule } from '@trading/config';
import { ExecutionModule, loadExecutionSettings } from '@trading/execution';
import { GatewayOrdersModule, GatewayQueriesModule } from '@trading/gateway';
import { HealthModule } from '@trading/health';
import { MarketDataModule } from '@trading/market-data';
import { MessagingModule } from '@trading/messaging';
import { OmsModule } from '@trading/oms';
import { PaperExchangeAdapter, PaperExchangeModule, paperExchangeConfig } from '@trading/paper-exchange';
import { PersistenceModule } from '@trading/persistence';
import { RedisModule } from '@trading/redis';
import { loadTradeUpdatesSettings, TradeUpdatesModule } from '@trading/trade-updates';
import { BackgroundThreadLifecycle } from './background-thread.lifecycle';

/**
 * Every module in one process, for the quick start. Feature modules plug in here. This thread
 * serves HTTP (orders, queries, quotes, SSE), runs the OMS and execution, publishes the simulated
 * quotes and feeds the trade-updates stream: everything an answer, an order on its way to the
 * venue or a live update waits for. The projectors and the archiver run on the background thread
 * (`BackgroundModule`), at a lower priority, so that a loaded machine serves those first.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    // one instance, shared by the quotes endpoint and the OMS's reference prices
    const marketData = MarketDataModule.forRoot({ intervalMs: config.MARKET_DATA_INTERVAL_MS, seed: config.MARKET_DATA_SEED });
    // the same options everywhere: Nest then builds one edge (one key cache, one rate limiter)
    const edge = {
      rateLimit: { limit: config.GATEWAY_RATE_LIMIT_PER_MINUTE },
      admission: { maxOrderRequestsInProgress: config.GATEWAY_MAX_ORDER_REQUESTS_IN_PROGRESS },
    };
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(),
        MessagingModule,
        PersistenceModule,
        RedisModule,
        marketData,
        OmsModule.forRoot({ marketData }),
        ExecutionModule.forRoot({
          imports: [PaperExchangeModule.forRoot({ marketData, config: paperExchangeConfig(config) })],
          adapters: { inject: [PaperExchangeAdapter], useFactory: (paper: PaperExchangeAdapter) => [paper] },
          settings: loadExecutionSettings(process.env),
        }),
        GatewayOrdersModule.forRoot({
          decisionTimeoutMs: config.GATEWAY_DECISION_TIMEOUT_MS,
          consistencyTimeoutMs: config.GATEWAY_CONSISTENCY_TIMEOUT_MS,
          edge,
          omsInProcess: true,
        }),
        GatewayQueriesModule.forRoot({ marketData, consistencyTimeoutMs: config.GATEWAY_CONSISTENCY_TIMEOUT_MS, edge }),
        TradeUpdatesModule.forRoot({ ...loadTradeUpdatesSettings(process.env), edge }),
        HealthModule.forRoot(['kafka', 'postgres', 'redis', 'dynamodb', 's3']),
      ],
      providers: [BackgroundThreadLifecycle],
    };
  }
}
