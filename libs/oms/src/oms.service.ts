import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@trading/config';
import { TRADING_MESSAGES } from '@trading/contracts';
import { accountBookDecider, Clock, IdGenerator } from '@trading/domain';
import {
  CLOCK,
  CommittedOutputsFeed,
  DeadLetterPublisher,
  EnvelopeFactory,
  ExactlyOnceProcessor,
  ID_GENERATOR,
  KAFKA,
  MESSAGE_REGISTRY,
  MessageRegistry,
  TOPIC_CATALOGUE,
  TopicCatalogue,
  TopicProvisioningService,
} from '@trading/messaging';
import { ReadinessProbes, TradingMetrics } from '@trading/observability';
import { Kafka } from 'kafkajs';
import { AccountBookProgram } from './account-book.program';
import { OmsPartitionState } from './oms-partition.state';
import { REFERENCE_PRICES, ReferencePriceSource } from './reference-price.port';

/** Runs the OMS: the single writer of order state for the partitions this process owns. */
@Injectable()
export class OmsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OmsService.name);
  private readonly processor: ExactlyOnceProcessor<OmsPartitionState>;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(MESSAGE_REGISTRY) registry: MessageRegistry,
    @Inject(TOPIC_CATALOGUE) catalogue: TopicCatalogue,
    @Inject(CLOCK) clock: Clock,
    @Inject(ID_GENERATOR) ids: IdGenerator,
    @Inject(REFERENCE_PRICES) prices: ReferencePriceSource,
    @Inject(APP_CONFIG) config: AppConfig,
    deadLetters: DeadLetterPublisher,
    private readonly topics: TopicProvisioningService,
    committedOutputs: CommittedOutputsFeed,
    @Optional() metrics?: TradingMetrics,
    @Optional() probes?: ReadinessProbes,
  ) {
    registry.register(...TRADING_MESSAGES);
    const program = new AccountBookProgram(accountBookDecider, new EnvelopeFactory(ids, clock), clock, prices, metrics);
    this.processor = new ExactlyOnceProcessor(
      kafka,
      registry,
      deadLetters,
      program,
      {
        groupId: `${config.KAFKA_TOPIC_PREFIX}oms`,
        inputTopics: [catalogue.name('commands'), catalogue.name('executions')],
        outputTopic: catalogue.name('orderEvents'),
        transactionalIdPrefix: `${config.KAFKA_TOPIC_PREFIX}oms`,
        committedOutputs,
      },
      metrics,
    );
    // deciding needs the state of every owned partition folded from the log first
    probes?.register('oms-partition-state', () => this.processor.isReady());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.topics.ensureProvisioned();
    await this.processor.start();
    this.logger.log('OMS consuming commands and execution reports');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.processor.stop();
  }

  ownedPartitions(): readonly number[] {
    return this.processor.ownedPartitions();
  }
}
