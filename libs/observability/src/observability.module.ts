import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ReadinessProbes } from './health/readiness.probes';
import { ObservabilityServer, startObservabilityServer } from './http/observability.server';
import { MetricsController } from './metrics/metrics.controller';
import { TradingMetrics } from './metrics/trading-metrics';
import { ObservabilitySettings } from './observability.settings';
import { Tracing } from './tracing/start-tracing';

export const OBSERVABILITY_SETTINGS = Symbol('OBSERVABILITY_SETTINGS');
export const TRACING = Symbol('TRACING');

export type ObservabilityExposure = 'controller' | 'standalone' | 'embedded';

export interface ObservabilityModuleOptions {
  readonly settings: ObservabilitySettings;
  /**
   * `controller`: `GET /metrics` on the app's HTTP port (the app serves its own `/health/*`);
   * `standalone`: `/metrics`, `/health/live`, `/health/ready` on METRICS_PORT (services without HTTP);
   * `embedded`: nothing, and no process metrics: a worker thread whose host serves its metrics and
   * readiness with its own (`TradingMetrics.include`).
   */
  readonly expose: ObservabilityExposure;
  /** What `startTracing` returned in main.ts: flushed and shut down with the application. */
  readonly tracing?: Tracing;
}

@Injectable()
class StandaloneObservabilityServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: ObservabilityServer | undefined;

  constructor(
    @Inject(OBSERVABILITY_SETTINGS) private readonly settings: ObservabilitySettings,
    private readonly metrics: TradingMetrics,
    private readonly probes: ReadinessProbes,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.server = await startObservabilityServer({ host: this.settings.host, port: this.settings.metricsPort, metrics: this.metrics, probes: this.probes });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}

@Injectable()
class TracingLifecycle implements OnApplicationShutdown {
  constructor(@Inject(TRACING) private readonly tracing: Tracing) {}

  async onApplicationShutdown(): Promise<void> {
    await this.tracing.shutdown();
  }
}

/**
 * Metrics registry, readiness probes and their endpoints for the whole process. Global: the OMS,
 * execution and projectors take `TradingMetrics` and `ReadinessProbes` when it is imported, and run
 * without them when it is not.
 */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityModuleOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: options.expose === 'controller' ? [MetricsController] : [],
      providers: [
        { provide: OBSERVABILITY_SETTINGS, useValue: options.settings },
        { provide: TradingMetrics, useFactory: () => new TradingMetrics({ processMetrics: options.expose !== 'embedded' }) },
        { provide: ReadinessProbes, useFactory: () => new ReadinessProbes() },
        ...(options.expose === 'standalone' ? [StandaloneObservabilityServer] : []),
        ...(options.tracing ? [{ provide: TRACING, useValue: options.tracing }, TracingLifecycle] : []),
      ],
      exports: [OBSERVABILITY_SETTINGS, TradingMetrics, ReadinessProbes],
    };
  }
}
