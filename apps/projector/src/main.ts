import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadAppConfig } from '@trading/config';
import { bootstrapObservability, withObservability } from '@trading/observability';
import { closeOnSignal, exitOnStartupFailure } from '@trading/platform';
import { ProjectorAppModule } from './projector-app.module';

/** The orders and positions projectors and the trade-updates notifier (no HTTP): scale by running more, up to the partition count. */
async function bootstrap(): Promise<void> {
  loadAppConfig(process.env);
  const observability = bootstrapObservability('projector', 'standalone');
  const app = await NestFactory.createApplicationContext(withObservability(ProjectorAppModule, observability), {
    abortOnError: false,
    logger: observability.logger,
  });
  closeOnSignal(app);
  Logger.log('projector started', 'Bootstrap');
}

bootstrap().catch(exitOnStartupFailure);
