import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@trading/config';
import { Kafka } from 'kafkajs';
import { KAFKA, TOPIC_CATALOGUE } from './messaging.tokens';
import { TopicCatalogue } from './topics/topic-catalogue';
import { TopicProvisioner } from './topics/topic-provisioner';

/**
 * Creates missing topics and checks co-partitioning. Anything that consumes or produces at
 * start-up awaits `ensureProvisioned()` first; it runs once per process.
 */
@Injectable()
export class TopicProvisioningService implements OnApplicationBootstrap {
  private readonly logger = new Logger(TopicProvisioningService.name);
  private provisioned: Promise<void> | undefined;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(TOPIC_CATALOGUE) private readonly catalogue: TopicCatalogue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureProvisioned();
  }

  ensureProvisioned(): Promise<void> {
    this.provisioned ??= this.provision();
    return this.provisioned;
  }

  private async provision(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const report = await new TopicProvisioner(admin).provision(this.catalogue.all(), {
        replicationFactor: this.config.KAFKA_REPLICATION_FACTOR,
      });
      if (report.created.length > 0) this.logger.log(`created topics: ${report.created.join(', ')}`);
      for (const drift of report.drift) {
        this.logger.warn(
          `topic ${drift.name} has ${drift.actual} partitions on the broker, ${drift.declared} declared`,
        );
      }
    } finally {
      await admin.disconnect();
    }
  }
}
