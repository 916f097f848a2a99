import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadAppConfig } from '@trading/config';
import { closeOnSignal, exitOnStartupFailure, logLevelsUpTo } from '@trading/platform';
import { OmsAppModule } from './oms-app.module';

/** The OMS alone (no HTTP): scale it by running more of these, up to the partition count. */
async function bootstrap(): Promise<void> {
  const { LOG_LEVEL } = loadAppConfig(process.env);
  const app = await NestFactory.createApplicationContext(OmsAppModule, { abortOnError: false, logger: logLevelsUpTo(LOG_LEVEL) });
  closeOnSignal(app);
  Logger.log('OMS started', 'Bootstrap');
}

bootstrap().catch(exitOnStartupFailure);
