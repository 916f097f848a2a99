import { DynamicModule, InjectionToken, Module, ModuleMetadata } from '@nestjs/common';
import { BROKER_ADAPTERS, BrokerAdapter } from '@trading/broker-sdk';
import { ExecutionSettings } from './execution.settings';
import { EXECUTION_SETTINGS } from './execution.tokens';
import { ExecutionService } from './execution.service';

export interface ExecutionModuleOptions {
  /** Modules that provide what `adapters.inject` names (an adapter's own module, its config). */
  readonly imports?: ModuleMetadata['imports'];
  /** Builds the broker adapters; each is routed to by its `name`. */
  readonly adapters: {
    readonly inject?: InjectionToken[];
    readonly useFactory: (...deps: never[]) => readonly BrokerAdapter[] | Promise<readonly BrokerAdapter[]>;
  };
  /** Routes, breaker, timeout and rate limit (see `loadExecutionSettings`). */
  readonly settings: ExecutionSettings;
}

/** The execution service: order events in, broker calls and execution reports out. */
@Module({})
export class ExecutionModule {
  static forRoot(options: ExecutionModuleOptions): DynamicModule {
    return {
      module: ExecutionModule,
      imports: [...(options.imports ?? [])],
      providers: [
        { provide: EXECUTION_SETTINGS, useValue: options.settings },
        {
          provide: BROKER_ADAPTERS,
          inject: options.adapters.inject ?? [],
          useFactory: async (...deps: never[]) => {
            const adapters = await options.adapters.useFactory(...deps);
            return new Map(adapters.map((adapter) => [adapter.name, adapter]));
          },
        },
        ExecutionService,
      ],
      exports: [ExecutionService],
    };
  }
}
