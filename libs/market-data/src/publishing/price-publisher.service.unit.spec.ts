import { eventually } from '@trading/testing';
import { resolveMarketDataOptions } from '../market-data.options';
import { QuoteUpdatedPayload } from '../quotes/quote-updated.message';
import { initialSimulation, nextQuotes } from '../simulation/price-simulator';
import { QuoteSink } from './quote-sink.port';
import { PricePublisherService } from './price-publisher.service';

/** Records every round; a round can be held open to play a slow broker. */
class RecordingSink implements QuoteSink {
  readonly rounds: (readonly QuoteUpdatedPayload[])[] = [];
  private hold: Promise<void> | undefined;
  private release: () => void = () => undefined;

  holdSends(): void {
    this.hold = new Promise((resolve) => (this.release = resolve));
  }

  releaseSends(): void {
    this.release();
    this.hold = undefined;
  }

  async publish(quotes: readonly QuoteUpdatedPayload[]): Promise<void> {
    this.rounds.push(quotes);
    await this.hold;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PricePublisherService', () => {
  const options = resolveMarketDataOptions({ symbols: ['AAPL', 'MSFT', 'SPY'], seed: 11, intervalMs: 10 });
  let publisher: PricePublisherService | undefined;

  afterEach(async () => {
    await publisher?.onModuleDestroy();
  });

  it('publishes the simulation round by round, the first at start', async () => {
    const sink = new RecordingSink();
    publisher = new PricePublisherService(sink, options);

    publisher.onApplicationBootstrap();
    expect(sink.rounds).toHaveLength(1);
    await eventually(() => expect(sink.rounds.length).toBeGreaterThanOrEqual(3));

    const first = nextQuotes(initialSimulation(options.symbols, 11));
    const second = nextQuotes(first.state);
    expect(sink.rounds.slice(0, 2)).toEqual([first.quotes, second.quotes]);
  });

  it('skips rounds while one is still being sent', async () => {
    const sink = new RecordingSink();
    sink.holdSends();
    publisher = new PricePublisherService(sink, options);

    publisher.onApplicationBootstrap();
    await sleep(60);

    expect(sink.rounds).toHaveLength(1);
    sink.releaseSends();
    await eventually(() => expect(sink.rounds.length).toBeGreaterThanOrEqual(2));
  });

  it('waits for the round in flight when stopped, and sends nothing after', async () => {
    const sink = new RecordingSink();
    sink.holdSends();
    publisher = new PricePublisherService(sink, options);
    publisher.onApplicationBootstrap();

    let stopped = false;
    const stopping = publisher.onModuleDestroy().then(() => (stopped = true));
    await sleep(30);
    expect(stopped).toBe(false);

    sink.releaseSends();
    await stopping;
    const sentBeforeStop = sink.rounds.length;
    await sleep(50);
    expect(sink.rounds).toHaveLength(sentBeforeStop);
  });

  it('keeps publishing after a failed send', async () => {
    let calls = 0;
    const flaky: QuoteSink = {
      publish: async () => {
        calls += 1;
        if (calls === 1) throw new Error('broker unavailable');
      },
    };
    publisher = new PricePublisherService(flaky, options);

    publisher.onApplicationBootstrap();

    await eventually(() => expect(calls).toBeGreaterThanOrEqual(3));
  });
});
