import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, AppConfigModule } from '@trading/config';
import { MarketDataModule } from '@trading/market-data';
import { MessagingModule } from '@trading/messaging';

/**
 * The simulated quote publisher alone: the reference prices the OMS's risk rules, the paper
 * venue and the gateway's quotes endpoint read from the market-data topic. Run exactly one.
 */
@Module({})
export class MarketDataAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: MarketDataAppModule,
      imports: [
        AppConfigModule.forRoot(),
        MessagingModule,
        MarketDataModule.forRoot({ intervalMs: config.MARKET_DATA_INTERVAL_MS, seed: config.MARKET_DATA_SEED }),
      ],
    };
  }
}
