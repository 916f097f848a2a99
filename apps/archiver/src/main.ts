import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadArchiveConfig } from '@trading/archive';
import { loadAppConfig } from '@trading/config';
import { closeOnSignal, exitOnStartupFailure, logLevelsUpTo } from '@trading/platform';
import { ArchiverAppModule } from './archiver-app.module';

/** The archiver alone (no HTTP): every topic to S3 Parquet. More instances share the partitions. */
async function bootstrap(): Promise<void> {
  const { LOG_LEVEL } = loadAppConfig(process.env);
  loadArchiveConfig(process.env); // fail fast on a bad ARCHIVE_* setting
  const app = await NestFactory.createApplicationContext(ArchiverAppModule, { abortOnError: false, logger: logLevelsUpTo(LOG_LEVEL) });
  closeOnSignal(app);
  Logger.log('archiver started', 'Bootstrap');
}

bootstrap().catch(exitOnStartupFailure);
