import { DynamicModule, Module, Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@trading/config';
import { Clock, IdGenerator } from '@trading/domain';
import {
  CLOCK,
  DeadLetterPublisher,
  EnvelopeFactory,
  ID_GENERATOR,
  KAFKA,
  KAFKA_PRODUCER,
  MESSAGE_REGISTRY,
  MessageRegistry,
  TOPIC_CATALOGUE,
  TopicCatalogue,
} from '@trading/messaging';
import { Kafka, Producer } from 'kafkajs';
import { LatestQuoteController } from './get-latest-quote/latest-quote.controller';
import { CompactedTopicReader } from './latest-quotes/compacted-topic.reader';
import { LatestQuotesView } from './latest-quotes/latest-quotes.view';
import { MARKET_DATA_OPTIONS, MarketDataOptions, resolveMarketDataOptions } from './market-data.options';
import { KafkaQuoteSink } from './publishing/kafka-quote.sink';
import { PricePublisherService } from './publishing/price-publisher.service';
import { QUOTE_SINK } from './publishing/quote-sink.port';
import { LATEST_QUOTES } from './quotes/latest-quotes.port';
import { quoteUpdated } from './quotes/quote-updated.message';

const reader: Provider = {
  provide: CompactedTopicReader,
  inject: [KAFKA, MESSAGE_REGISTRY, DeadLetterPublisher, KAFKA_PRODUCER, TOPIC_CATALOGUE, ID_GENERATOR, APP_CONFIG],
  useFactory: (
    kafka: Kafka,
    registry: MessageRegistry,
    deadLetters: DeadLetterPublisher,
    producer: Producer,
    catalogue: TopicCatalogue,
    ids: IdGenerator,
    config: AppConfig,
  ) =>
    new CompactedTopicReader(kafka, registry.register(quoteUpdated), deadLetters, producer, {
      topic: catalogue.name('marketData'),
      groupId: `${config.KAFKA_CLIENT_ID}.latest-quotes.${ids.next()}`,
    }),
};

const sink: Provider = {
  provide: QUOTE_SINK,
  inject: [KAFKA_PRODUCER, MESSAGE_REGISTRY, TOPIC_CATALOGUE, CLOCK, ID_GENERATOR],
  useFactory: (
    producer: Producer,
    registry: MessageRegistry,
    catalogue: TopicCatalogue,
    clock: Clock,
    ids: IdGenerator,
  ) =>
    new KafkaQuoteSink(
      producer,
      catalogue.name('marketData'),
      registry.register(quoteUpdated),
      new EnvelopeFactory(ids, clock),
    ),
};

/**
 * Simulated reference prices for local runs: a publisher of quotes to the market-data topic
 * (unless `publish: false`), the latest quote per symbol in memory, and the Alpaca-style
 * `GET /v2/stocks/:symbol/quotes/latest`. Needs the global `MessagingModule` and `APP_CONFIG`.
 */
@Module({})
export class MarketDataModule {
  static forRoot(options: MarketDataOptions = {}): DynamicModule {
    const resolved = resolveMarketDataOptions(options);
    return {
      module: MarketDataModule,
      controllers: [LatestQuoteController],
      providers: [
        { provide: MARKET_DATA_OPTIONS, useValue: resolved },
        reader,
        LatestQuotesView,
        { provide: LATEST_QUOTES, useExisting: LatestQuotesView },
        ...(resolved.publish ? [sink, PricePublisherService] : []),
      ],
      exports: [LatestQuotesView, LATEST_QUOTES],
    };
  }
}
