import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadAppConfig } from '@trading/config';
import { bootstrapObservability, withObservability } from '@trading/observability';
import { closeOnSignal, exitOnStartupFailure } from '@trading/platform';
import { OmsAppModule } from './oms-app.module';

/** The OMS alone (no HTTP): scale it by running more of these, up to the partition count. */
async function bootstrap(): Promise<void> {
  loadAppConfig(process.env);
  const observability = bootstrapObservability('oms', 'standalone');
  const app = await NestFactory.createApplicationContext(withObservability(OmsAppModule, observability), {
    abortOnError: false,
    logger: observability.logger,
  });
  closeOnSignal(app);
  Logger.log('OMS started', 'Bootstrap');
}

bootstrap().catch(exitOnStartupFailure);
