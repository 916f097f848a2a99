import { TradingMetrics } from '@trading/observability';
import { DynamicModule, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TRADING_MESSAGES } from '@trading/contracts';
import { Clock, IdGenerator } from '@trading/domain';
import {
  CLOCK,
  CommandPublisher,
  CommittedOutputsFeed,
  ID_GENERATOR,
  KAFKA,
  MESSAGE_REGISTRY,
  MessageRegistry,
  TOPIC_CATALOGUE,
  TopicCatalogue,
  TopicProvisioningService,
} from '@trading/messaging';
import { OrdersProgress, OrdersQueryRepository, ReadModelQueriesModule } from '@trading/read-models';
import { Kafka, Producer } from 'kafkajs';
import { GatewayEdgeModule, GatewayEdgeModuleOptions } from '../edge';
import { OrderQueriesService } from '../queries/order-queries.service';
import { DEFAULT_CONSISTENCY_TIMEOUT_MS, ReadYourWrites } from '../queries/read-your-writes';
import { AccountBooksView } from './account-books.view';
import { COMMANDS_PRODUCER, commandsProducerProvider, CommandsProducerLifecycle } from './commands.producer';
import { OrdersController } from './orders.controller';
import { OrdersService, OrdersServiceOptions } from './orders.service';

export interface GatewayOrdersModuleOptions extends Partial<OrdersServiceOptions> {
  readonly edge?: GatewayEdgeModuleOptions;
  /** How long a read with `X-Consistency-Token` waits for the orders read model (default 2000). */
  readonly consistencyTimeoutMs?: number;
  /**
   * An OMS runs in this process (the all-in-one): its commits reach the gateway's view directly,
   * and the view reads the log in batched fetches, up to 100 ms apart (default false: eager).
   */
  readonly omsInProcess?: boolean;
}

@Injectable()
class AccountBooksViewLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly view: AccountBooksView,
    private readonly topics: TopicProvisioningService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.topics.ensureProvisioned();
    await this.view.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.view.stop();
  }
}

/**
 * `/v2/orders`: order entry (through Kafka, waiting for the OMS) and order reads (from the
 * PostgreSQL read model), behind the gateway edge.
 */
@Module({})
export class GatewayOrdersModule {
  static forRoot(options: GatewayOrdersModuleOptions = {}): DynamicModule {
    return {
      module: GatewayOrdersModule,
      imports: [GatewayEdgeModule.forRoot(options.edge), ReadModelQueriesModule],
      controllers: [OrdersController],
      providers: [
        {
          provide: AccountBooksView,
          inject: [KAFKA, MESSAGE_REGISTRY, TOPIC_CATALOGUE, CommittedOutputsFeed],
          useFactory: (kafka: Kafka, registry: MessageRegistry, catalogue: TopicCatalogue, committed: CommittedOutputsFeed) =>
            new AccountBooksView(kafka, registry.register(...TRADING_MESSAGES), catalogue.name('orderEvents'), committed, options.omsInProcess ? 'batched' : 'eager'),
        },
        commandsProducerProvider,
        CommandsProducerLifecycle,
        {
          provide: CommandPublisher,
          inject: [COMMANDS_PRODUCER, MESSAGE_REGISTRY, TOPIC_CATALOGUE, ID_GENERATOR, CLOCK],
          useFactory: (producer: Producer, registry: MessageRegistry, catalogue: TopicCatalogue, ids: IdGenerator, clock: Clock) =>
            new CommandPublisher(producer, registry.register(...TRADING_MESSAGES), catalogue.name('commands'), ids, clock),
        },
        {
          provide: OrdersService,
          inject: [AccountBooksView, CommandPublisher, ID_GENERATOR, CLOCK, { token: TradingMetrics, optional: true }],
          useFactory: (view: AccountBooksView, commands: CommandPublisher, ids: IdGenerator, clock: Clock, metrics?: TradingMetrics) =>
            new OrdersService(view, commands, ids, clock, { decisionTimeoutMs: options.decisionTimeoutMs ?? 2000 }, metrics),
        },
        AccountBooksViewLifecycle,
        { provide: ReadYourWrites, useFactory: () => new ReadYourWrites({ timeoutMs: options.consistencyTimeoutMs ?? DEFAULT_CONSISTENCY_TIMEOUT_MS }) },
        {
          provide: OrderQueriesService,
          inject: [OrdersQueryRepository, OrdersProgress, ReadYourWrites, AccountBooksView],
          useFactory: (orders: OrdersQueryRepository, progress: OrdersProgress, consistency: ReadYourWrites, view: AccountBooksView) =>
            new OrderQueriesService(orders, progress, consistency, view),
        },
      ],
      exports: [OrdersService, AccountBooksView, CommandPublisher],
    };
  }
}
