import { DynamicModule, Logger, Module } from '@nestjs/common';
import { Clock, IdGenerator } from '@trading/domain';
import { SystemClock, UuidV7IdGenerator } from '@trading/messaging';
import { FixBrokerAdapter } from './fix-broker.adapter';
import { fixBrokerConfig, FixBrokerOptions } from './fix-broker.config';

export interface FixBrokerModuleOptions {
  readonly fix: FixBrokerOptions;
  /** Defaults: the system clock and UUIDv7 ids (cancel requests' own ClOrdIDs). */
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
}

/** Provides `FixBrokerAdapter`; the configuration is checked (and frozen) when the module is built. */
@Module({})
export class FixBrokerModule {
  static forRoot(options: FixBrokerModuleOptions): DynamicModule {
    const config = fixBrokerConfig(options.fix);
    const logger = new Logger(`FixBroker:${config.name}`);
    const adapter = {
      provide: FixBrokerAdapter,
      useFactory: () =>
        new FixBrokerAdapter(config, options.clock ?? new SystemClock(), options.ids ?? new UuidV7IdGenerator(), {
          warn: (message) => logger.warn(message),
          error: (message) => logger.error(message),
        }),
    };
    return { module: FixBrokerModule, providers: [adapter], exports: [FixBrokerAdapter] };
  }
}
