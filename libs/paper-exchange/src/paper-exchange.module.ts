import { DynamicModule, Module } from '@nestjs/common';
import { Clock } from '@trading/domain';
import { LATEST_QUOTES, LatestQuotes } from '@trading/market-data';
import { CLOCK } from '@trading/messaging';
import { PaperExchangeAdapter } from './adapter/paper-exchange.adapter';
import { TimerScheduler } from './adapter/timer.scheduler';
import { PaperExchangeConfig, resolvePaperExchangeConfig } from './config/paper-exchange.config';

export const PAPER_EXCHANGE_CONFIG = Symbol('PAPER_EXCHANGE_CONFIG');

export interface PaperExchangeModuleOptions {
  /** The host's market-data module (the instance whose quotes the venue trades against). */
  readonly marketData: DynamicModule;
  readonly config?: Partial<PaperExchangeConfig>;
}

/**
 * The paper venue as a broker adapter (`PaperExchangeAdapter`, not yet connected). Needs the
 * global MessagingModule for `CLOCK`. Invalid configuration stops start-up (`PAPER.INVALID_CONFIG`).
 */
@Module({})
export class PaperExchangeModule {
  static forRoot(options: PaperExchangeModuleOptions): DynamicModule {
    const config = resolvePaperExchangeConfig(options.config);
    return {
      module: PaperExchangeModule,
      imports: [options.marketData],
      providers: [
        { provide: PAPER_EXCHANGE_CONFIG, useValue: config },
        {
          provide: PaperExchangeAdapter,
          inject: [LATEST_QUOTES, CLOCK],
          useFactory: (quotes: LatestQuotes, clock: Clock) =>
            new PaperExchangeAdapter({ config, quotes, clock, scheduler: new TimerScheduler() }),
        },
      ],
      exports: [PaperExchangeAdapter, PAPER_EXCHANGE_CONFIG],
    };
  }
}
