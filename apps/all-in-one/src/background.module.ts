import { DynamicModule, Module } from '@nestjs/common';
import { ArchiveModule } from '@trading/archive';
import { AppConfig, AppConfigModule } from '@trading/config';
import { ExecutionModule, loadExecutionSettings } from '@trading/execution';
import { MarketDataModule } from '@trading/market-data';
import { MessagingModule } from '@trading/messaging';
import { PaperExchangeAdapter, PaperExchangeModule, paperExchangeConfig } from '@trading/paper-exchange';
import { PersistenceModule } from '@trading/persistence';
import { ReadModelsModule } from '@trading/read-models';

/**
 * The all-in-one's work that no answer waits for: execution (with the paper venue), the read
 * models' projectors and the archiver. It runs on its own thread at a lower priority.
 */
@Module({})
export class BackgroundModule {
  static forRoot(config: AppConfig): DynamicModule {
    // the venue trades against the quotes the main thread publishes
    const marketData = MarketDataModule.forRoot({ publish: false });
    return {
      module: BackgroundModule,
      imports: [
        AppConfigModule.forRoot(),
        MessagingModule,
        PersistenceModule,
        ReadModelsModule.forRoot(),
        ExecutionModule.forRoot({
          imports: [PaperExchangeModule.forRoot({ marketData, config: paperExchangeConfig(config) })],
          adapters: { inject: [PaperExchangeAdapter], useFactory: (paper: PaperExchangeAdapter) => [paper] },
          settings: loadExecutionSettings(process.env),
        }),
        ArchiveModule,
      ],
    };
  }
}
