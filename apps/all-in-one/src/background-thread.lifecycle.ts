import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@trading/config';
import { OBSERVABILITY_SETTINGS, ObservabilitySettings, ReadinessProbes, TradingMetrics } from '@trading/observability';
import { BackgroundThread } from './background.thread';

/**
 * Runs the background thread with the application: started while the main thread's modules
 * start, its metrics in `/metrics` and its readiness in `/health/ready`, closed alongside the
 * main thread's modules on shutdown.
 */
@Injectable()
export class BackgroundThreadLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly thread: BackgroundThread;
  private starting: Promise<void> | null = null;
  private closing: Promise<void> | null = null;
  private readonly stops: (() => void)[] = [];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(OBSERVABILITY_SETTINGS) settings: ObservabilitySettings,
    private readonly metrics: TradingMetrics,
    private readonly probes: ReadinessProbes,
  ) {
    this.thread = new BackgroundThread({
      entry: require.resolve('./background.worker-entry'),
      data: { niceSteps: config.ALL_IN_ONE_BACKGROUND_NICE, serviceName: settings.serviceName },
    });
  }

  onModuleInit(): void {
    this.starting = this.thread.start();
    // awaited in onApplicationBootstrap; not an unhandled rejection meanwhile
    this.starting.catch(() => undefined);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.starting;
    this.stops.push(this.metrics.include(() => this.thread.metrics()));
    this.stops.push(this.probes.include('background', () => this.thread.readiness()));
  }

  beforeApplicationShutdown(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.closing = this.thread.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await (this.closing ?? this.thread.close());
  }
}
