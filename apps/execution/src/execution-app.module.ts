import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, AppConfigModule } from '@trading/config';
import { ExecutionModule, loadExecutionSettings } from '@trading/execution';
import { MarketDataModule } from '@trading/market-data';
import { MessagingModule } from '@trading/messaging';
import { PaperExchangeAdapter, PaperExchangeModule, paperExchangeConfig } from '@trading/paper-exchange';

/** The execution service with the paper venue: order events in, broker calls and reports out. */
@Module({})
export class ExecutionAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    // the paper venue trades against the quotes; publishing them is the market-data service's job
    const marketData = MarketDataModule.forRoot({ publish: false });
    return {
      module: ExecutionAppModule,
      imports: [
        AppConfigModule.forRoot(),
        MessagingModule,
        ExecutionModule.forRoot({
          imports: [PaperExchangeModule.forRoot({ marketData, config: paperExchangeConfig(config) })],
          adapters: { inject: [PaperExchangeAdapter], useFactory: (paper: PaperExchangeAdapter) => [paper] },
          settings: loadExecutionSettings(process.env),
        }),
      ],
    };
  }
}
