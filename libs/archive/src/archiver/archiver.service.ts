import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@trading/config';
import { Clock } from '@trading/domain';
import { CLOCK, KAFKA, TOPIC_CATALOGUE, TopicCatalogue } from '@trading/messaging';
import { createS3Client, s3SettingsOf } from '@trading/persistence';
import { Kafka } from 'kafkajs';
import { ArchiveStore } from '../storage/archive.store';
import { loadArchiveConfig } from './archive.config';
import { Archiver } from './archiver';

/** Runs the archiver for the life of the Nest application: every topic of the catalogue. */
@Injectable()
export class ArchiverService implements OnApplicationBootstrap, OnApplicationShutdown {
  private archiver: Archiver | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(TOPIC_CATALOGUE) private readonly catalogue: TopicCatalogue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const archive = loadArchiveConfig(process.env);
    const s3 = createS3Client(s3SettingsOf(this.config));
    this.archiver = new Archiver(
      this.kafka,
      new ArchiveStore(s3, this.config.S3_BUCKET),
      {
        groupId: `${this.config.KAFKA_TOPIC_PREFIX}archiver`,
        topics: this.catalogue.all().map((topic) => topic.name),
        flushRecords: archive.ARCHIVE_FLUSH_RECORDS,
        flushMs: archive.ARCHIVE_FLUSH_MS,
        prefix: archive.ARCHIVE_PREFIX,
        compression: archive.ARCHIVE_COMPRESSION,
        objectLockDays: archive.ARCHIVE_OBJECT_LOCK_DAYS,
        objectLockMode: archive.ARCHIVE_OBJECT_LOCK_MODE,
      },
      this.clock,
    );
    await this.archiver.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.archiver?.stop();
  }
}
