import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { BROKER_ADAPTERS, BrokerAdapter } from '@trading/broker-sdk';
import { APP_CONFIG, AppConfig } from '@trading/config';
import { Clock, IdGenerator } from '@trading/domain';
import {
  CLOCK,
  ID_GENERATOR,
  KAFKA,
  KAFKA_PRODUCER,
  MESSAGE_REGISTRY,
  MessageRegistry,
  TOPIC_CATALOGUE,
  TopicCatalogue,
  TopicProvisioningService,
} from '@trading/messaging';
import { ReadinessProbes, TradingMetrics } from '@trading/observability';
import { Kafka, Producer } from 'kafkajs';
import { ExecutionSettings } from './execution.settings';
import { EXECUTION_SETTINGS } from './execution.tokens';
import { ExecutionEngine } from './runtime/execution.engine';

/** Runs the execution service for the partitions this process owns. */
@Injectable()
export class ExecutionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ExecutionService.name);
  private readonly engine: ExecutionEngine;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(KAFKA_PRODUCER) producer: Producer,
    @Inject(MESSAGE_REGISTRY) registry: MessageRegistry,
    @Inject(TOPIC_CATALOGUE) catalogue: TopicCatalogue,
    @Inject(CLOCK) clock: Clock,
    @Inject(ID_GENERATOR) ids: IdGenerator,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(BROKER_ADAPTERS) adapters: ReadonlyMap<string, BrokerAdapter>,
    @Inject(EXECUTION_SETTINGS) settings: ExecutionSettings,
    private readonly topics: TopicProvisioningService,
    @Optional() metrics?: TradingMetrics,
    @Optional() probes?: ReadinessProbes,
  ) {
    this.engine = new ExecutionEngine({
      kafka,
      registry,
      producer,
      clock,
      ids,
      adapters: [...adapters.values()],
      settings,
      topics: {
        orderEvents: catalogue.name('orderEvents'),
        executions: catalogue.name('executions'),
        journal: catalogue.name('executionJournal'),
        deadLetters: catalogue.name('deadLetters'),
      },
      groupId: `${config.KAFKA_TOPIC_PREFIX}execution`,
      metrics,
    });
    // journal state rebuilt and reconciled with the brokers for every owned partition
    probes?.register('execution-partitions', () => this.engine.isReady());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.topics.ensureProvisioned();
    await this.engine.start();
    this.logger.log('execution service consuming order events');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.engine.stop();
  }

  ownedPartitions(): readonly number[] {
    return this.engine.ownedPartitions();
  }
}
