import { TradingMetrics } from '@trading/observability';
import { DynamicModule, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown, OnModuleDestroy, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@trading/config';
import { TRADING_MESSAGES } from '@trading/contracts';
import { GatewayEdgeModule, GatewayEdgeModuleOptions } from '@trading/gateway';
import {
  DeadLetterPublisher,
  KAFKA,
  KAFKA_PRODUCER,
  MESSAGE_REGISTRY,
  MessageRegistry,
  TOPIC_CATALOGUE,
  TopicCatalogue,
  TopicProvisioningService,
} from '@trading/messaging';
import { REDIS } from '@trading/redis';
import Redis from 'ioredis';
import { Kafka, Producer } from 'kafkajs';
import { TradeUpdatesController } from './fan-out/trade-updates.controller';
import { TradeUpdatesHub } from './fan-out/trade-updates.hub';
import { TradeUpdatesNotifier } from './notifier/trade-updates.notifier';
import { TradeUpdatesKeys } from './stream/trade-updates.keys';
import { TradeUpdatesStore } from './stream/trade-updates.store';
import { DEFAULT_TRADE_UPDATES_SETTINGS, TradeUpdatesSettings } from './trade-updates.settings';

export interface TradeUpdatesModuleOptions extends Partial<TradeUpdatesSettings> {
  /** Serve `GET /v2/events/trades` from this process (a gateway). Default true. */
  readonly stream?: boolean;
  /** Run the notifier (order events to Redis) in this process. Default true. */
  readonly notifier?: boolean;
  /** The gateway edge in front of the stream; pass the options the orders module got. */
  readonly edge?: GatewayEdgeModuleOptions;
}

@Injectable()
class TradeUpdatesLifecycle implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private unwatch: (() => void) | undefined;

  constructor(
    private readonly topics: TopicProvisioningService,
    @Optional() private readonly hub?: TradeUpdatesHub,
    @Optional() private readonly notifier?: TradeUpdatesNotifier,
    @Optional() private readonly metrics?: TradingMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.hub?.start();
    const hub = this.hub;
    if (hub) this.unwatch = this.metrics?.watchSseConnections(() => hub.connections);
    if (this.notifier) {
      await this.topics.ensureProvisioned();
      await this.notifier.start();
    }
  }

  /** Before the HTTP server closes: it waits for open connections, and streams never end alone. */
  async onModuleDestroy(): Promise<void> {
    this.unwatch?.();
    await this.hub?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.notifier?.stop();
  }
}

/**
 * Live order status: the notifier (Kafka order events to a per-account Redis Stream and channel)
 * and the SSE fan-out with `GET /v2/events/trades`. Either half can run alone. Needs the global
 * MessagingModule, RedisModule and AppConfigModule (and PersistenceModule for the edge's keys).
 */
@Module({})
export class TradeUpdatesModule {
  static forRoot(options: TradeUpdatesModuleOptions = {}): DynamicModule {
    const settings: TradeUpdatesSettings = Object.freeze({
      heartbeatMs: options.heartbeatMs ?? DEFAULT_TRADE_UPDATES_SETTINGS.heartbeatMs,
      maxBufferedBytes: options.maxBufferedBytes ?? DEFAULT_TRADE_UPDATES_SETTINGS.maxBufferedBytes,
      retention: options.retention ?? DEFAULT_TRADE_UPDATES_SETTINGS.retention,
      backlogPageSize: options.backlogPageSize ?? DEFAULT_TRADE_UPDATES_SETTINGS.backlogPageSize,
    });
    const stream = options.stream ?? true;
    const notifier = options.notifier ?? true;
    return {
      module: TradeUpdatesModule,
      imports: stream ? [GatewayEdgeModule.forRoot(options.edge)] : [],
      controllers: stream ? [TradeUpdatesController] : [],
      providers: [
        {
          provide: TradeUpdatesStore,
          inject: [REDIS, APP_CONFIG],
          useFactory: (redis: Redis, config: AppConfig) =>
            new TradeUpdatesStore(redis, new TradeUpdatesKeys(config.KAFKA_TOPIC_PREFIX), settings.retention),
        },
        ...(stream
          ? [
              {
                provide: TradeUpdatesHub,
                inject: [REDIS, APP_CONFIG, TradeUpdatesStore],
                useFactory: (redis: Redis, config: AppConfig, store: TradeUpdatesStore) =>
                  new TradeUpdatesHub(redis.duplicate({ connectionName: `${config.SERVICE_NAME}:trade-updates` }), store, settings),
              },
            ]
          : []),
        ...(notifier
          ? [
              {
                provide: TradeUpdatesNotifier,
                inject: [KAFKA, MESSAGE_REGISTRY, DeadLetterPublisher, KAFKA_PRODUCER, TradeUpdatesStore, TOPIC_CATALOGUE, APP_CONFIG],
                useFactory: (
                  kafka: Kafka,
                  registry: MessageRegistry,
                  deadLetters: DeadLetterPublisher,
                  producer: Producer,
                  store: TradeUpdatesStore,
                  catalogue: TopicCatalogue,
                  config: AppConfig,
                ) =>
                  new TradeUpdatesNotifier(kafka, registry.register(...TRADING_MESSAGES), deadLetters, producer, store, {
                    groupId: `${config.KAFKA_TOPIC_PREFIX}trade-updates-notifier`,
                    topic: catalogue.name('orderEvents'),
                  }),
              },
            ]
          : []),
        TradeUpdatesLifecycle,
      ],
      exports: stream ? [TradeUpdatesHub] : [],
    };
  }
}
