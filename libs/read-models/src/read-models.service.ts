import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@trading/config';
import { TRADING_MESSAGES } from '@trading/contracts';
import { Clock } from '@trading/domain';
import {
  CLOCK,
  DeadLetterPublisher,
  KAFKA,
  KAFKA_PRODUCER,
  MESSAGE_REGISTRY,
  MessageRegistry,
  TOPIC_CATALOGUE,
  TopicCatalogue,
  TopicProvisioningService,
} from '@trading/messaging';
import { ReadinessProbes, TradingMetrics } from '@trading/observability';
import { DYNAMODB, ensureDynamoTable, positionsTableDefinition } from '@trading/persistence';
import { Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { OrdersStore } from './orders/orders.store';
import { PositionsStore } from './positions/positions.store';
import { ReadModelPointer } from './rebuild/read-model.pointer';
import { Projector } from './runtime/projector';

/** Runs the orders and positions projectors of this process, each its own consumer group. */
@Injectable()
export class ReadModelsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReadModelsService.name);
  private readonly projectors: Projector[];

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(KAFKA_PRODUCER) producer: Producer,
    @Inject(MESSAGE_REGISTRY) registry: MessageRegistry,
    @Inject(TOPIC_CATALOGUE) catalogue: TopicCatalogue,
    @Inject(CLOCK) clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DYNAMODB) private readonly dynamodb: DynamoDBClient,
    dataSource: DataSource,
    deadLetters: DeadLetterPublisher,
    private readonly topics: TopicProvisioningService,
    @Optional() metrics?: TradingMetrics,
    @Optional() probes?: ReadinessProbes,
  ) {
    registry.register(...TRADING_MESSAGES);
    const topic = catalogue.name('orderEvents');
    const groupId = (name: string) => `${config.KAFKA_TOPIC_PREFIX}projector-${name}`;
    // followed batch by batch: a rebuild may switch it
    const positionsTable = new ReadModelPointer(dataSource, 'positions', positionsTableDefinition(config.DYNAMODB_TABLE_PREFIX).TableName);
    const stores = [new OrdersStore(dataSource, clock), new PositionsStore(dynamodb, positionsTable, clock)];
    this.projectors = stores.map(
      (store) => new Projector(kafka, registry, deadLetters, producer, store, { groupId: groupId(store.name), topic }, metrics),
    );
    // the stores the projectors write must answer
    probes?.register('postgres', async () => {
      await dataSource.query('SELECT 1');
    });
    probes?.register('dynamodb-positions', async () => {
      await dynamodb.send(new DescribeTableCommand({ TableName: await positionsTable.current() }));
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.topics.ensureProvisioned();
    const table = await ensureDynamoTable(this.dynamodb, positionsTableDefinition(this.config.DYNAMODB_TABLE_PREFIX));
    if (table === 'created') this.logger.log('created the positions table');
    await Promise.all(this.projectors.map((projector) => projector.start()));
    this.logger.log('orders and positions projectors consuming order events');
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.projectors.map((projector) => projector.stop()));
  }
}
