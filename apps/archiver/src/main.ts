import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadArchiveConfig } from '@trading/archive';
import { loadAppConfig } from '@trading/config';
import { bootstrapObservability, withObservability } from '@trading/observability';
import { closeOnSignal, exitOnStartupFailure } from '@trading/platform';
import { ArchiverAppModule } from './archiver-app.module';

/** The archiver alone (no HTTP): every topic to S3 Parquet. More instances share the partitions. */
async function bootstrap(): Promise<void> {
  loadAppConfig(process.env);
  const observability = bootstrapObservability('archiver', 'standalone');
  loadArchiveConfig(process.env); // fail fast on a bad ARCHIVE_* setting
  const app = await NestFactory.createApplicationContext(withObservability(ArchiverAppModule, observability), {
    abortOnError: false,
    logger: observability.logger,
  });
  closeOnSignal(app);
  Logger.log('archiver started', 'Bootstrap');
}

bootstrap().catch(exitOnStartupFailure);
