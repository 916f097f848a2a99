import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { LatestQuotes } from '../quotes/latest-quotes.port';
import { Quote } from '../quotes/quote';
import { quoteFromEnvelope } from '../quotes/quote-updated.message';
import { CompactedTopicReader } from './compacted-topic.reader';
import { QuoteBook } from './quote-book';

/**
 * The latest quote of every symbol on the market-data topic, in this process's memory. Starts
 * reading at bootstrap, after the global messaging module has provisioned the topics; `ready()`
 * settles once it holds everything that was on the topic when it started.
 */
@Injectable()
export class LatestQuotesView implements LatestQuotes, OnApplicationBootstrap, OnModuleDestroy {
  private readonly book = new QuoteBook();

  constructor(private readonly reader: CompactedTopicReader) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reader.start((envelope) => {
      const quote = quoteFromEnvelope(envelope);
      if (quote) this.book.record(quote);
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.reader.stop();
  }

  ready(): Promise<void> {
    return this.reader.caughtUp();
  }

  latest(symbol: string): Quote | undefined {
    return this.book.latest(symbol);
  }

  isFresh(symbol: string, maxAgeMs: number, now: Date): boolean {
    return this.book.isFresh(symbol, maxAgeMs, now);
  }
}
