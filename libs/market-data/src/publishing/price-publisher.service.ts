import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { MARKET_DATA_OPTIONS, ResolvedMarketDataOptions } from '../market-data.options';
import { SimulationState, initialSimulation, nextQuotes } from '../simulation/price-simulator';
import { QUOTE_SINK, QuoteSink } from './quote-sink.port';

/**
 * Publishes one simulated quote per symbol every `intervalMs`, starting at bootstrap (after the
 * global messaging module has provisioned the topics). A round still being sent when the next is
 * due makes that next round skip, so sends never pile up. Stops in `onModuleDestroy`, before the
 * shared producer disconnects in the messaging module's `onApplicationShutdown`.
 */
@Injectable()
export class PricePublisherService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PricePublisherService.name);
  private simulation: SimulationState;
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @Inject(QUOTE_SINK) private readonly sink: QuoteSink,
    @Inject(MARKET_DATA_OPTIONS) private readonly options: ResolvedMarketDataOptions,
  ) {
    this.simulation = initialSimulation(options.symbols, options.seed);
  }

  onApplicationBootstrap(): void {
    if (this.stopped) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    void this.tick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sending;
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.sending) return;
    const step = nextQuotes(this.simulation);
    this.simulation = step.state;
    this.sending = this.sink.publish(step.quotes).then(
      () => undefined,
      (error: unknown) => this.logger.warn(`quotes not published: ${String(error)}`),
    );
    try {
      await this.sending;
    } finally {
      this.sending = undefined;
    }
  }
}
