import { DynamicModule, Module } from '@nestjs/common';
import { BrokerAdapter } from '@trading/broker-sdk';
import { FixBrokerAdapter, FixBrokerModule, loadFixBrokerSettings } from '@trading/broker-fix';
import { AppConfig, AppConfigModule } from '@trading/config';
import { ExecutionModule, loadExecutionSettings } from '@trading/execution';
import { MarketDataModule } from '@trading/market-data';
import { MessagingModule } from '@trading/messaging';
import { PaperExchangeAdapter, PaperExchangeModule, paperExchangeConfig } from '@trading/paper-exchange';

/**
 * The execution service: order events in, broker calls and reports out. The paper venue is always
 * there; the FIX adapter when `FIX_*` variables are set. `EXECUTION_ROUTES` picks per account
 * (`default=paper`, `default=fix,acct-1=paper`); a route to an adapter that is not configured
 * stops start-up with `EXECUTION.INVALID_ROUTES`.
 */
@Module({})
export class ExecutionAppModule {
  static forRoot(config: AppConfig, env: Readonly<Record<string, string | undefined>> = process.env): DynamicModule {
    // the paper venue trades against the quotes; publishing them is the market-data service's job
    const marketData = MarketDataModule.forRoot({ publish: false });
    const fix = loadFixBrokerSettings(env);
    return {
      module: ExecutionAppModule,
      imports: [
        AppConfigModule.forRoot(),
        MessagingModule,
        ExecutionModule.forRoot({
          imports: [
            PaperExchangeModule.forRoot({ marketData, config: paperExchangeConfig(config) }),
            ...(fix ? [FixBrokerModule.forRoot({ fix })] : []),
          ],
          adapters: {
            inject: fix ? [PaperExchangeAdapter, FixBrokerAdapter] : [PaperExchangeAdapter],
            useFactory: (...adapters: BrokerAdapter[]) => adapters,
          },
          settings: loadExecutionSettings(env),
        }),
      ],
    };
  }
}
