import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadAppConfig } from '@trading/config';
import { closeOnSignal, exitOnStartupFailure, logLevelsUpTo } from '@trading/platform';
import { ProjectorAppModule } from './projector-app.module';

/** The orders and positions projectors alone (no HTTP): scale by running more, up to the partition count. */
async function bootstrap(): Promise<void> {
  const { LOG_LEVEL } = loadAppConfig(process.env);
  const app = await NestFactory.createApplicationContext(ProjectorAppModule, { abortOnError: false, logger: logLevelsUpTo(LOG_LEVEL) });
  closeOnSignal(app);
  Logger.log('projector started', 'Bootstrap');
}

bootstrap().catch(exitOnStartupFailure);
