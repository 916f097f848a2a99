import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadAppConfig } from '@trading/config';
import { bootstrapObservability, withObservability } from '@trading/observability';
import { closeOnSignal, exitOnStartupFailure } from '@trading/platform';
import { ExecutionAppModule } from './execution-app.module';

/** The execution service alone (no HTTP): order events in, broker calls and execution reports out. */
async function bootstrap(): Promise<void> {
  const config = loadAppConfig(process.env);
  const observability = bootstrapObservability('execution', 'standalone');
  const app = await NestFactory.createApplicationContext(withObservability(ExecutionAppModule.forRoot(config), observability), {
    abortOnError: false,
    logger: observability.logger,
  });
  closeOnSignal(app);
  Logger.log('execution service started', 'Bootstrap');
}

bootstrap().catch(exitOnStartupFailure);
