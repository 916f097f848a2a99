import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadAppConfig } from '@trading/config';
import { closeOnSignal, exitOnStartupFailure, logLevelsUpTo } from '@trading/platform';
import { ExecutionAppModule } from './execution-app.module';

/** The execution service alone (no HTTP): order events in, broker calls and execution reports out. */
async function bootstrap(): Promise<void> {
  const config = loadAppConfig(process.env);
  const app = await NestFactory.createApplicationContext(ExecutionAppModule.forRoot(config), {
    abortOnError: false,
    logger: logLevelsUpTo(config.LOG_LEVEL),
  });
  closeOnSignal(app);
  Logger.log('execution service started', 'Bootstrap');
}

bootstrap().catch(exitOnStartupFailure);
