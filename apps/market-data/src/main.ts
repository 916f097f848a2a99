import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadAppConfig } from '@trading/config';
import { bootstrapObservability, withObservability } from '@trading/observability';
import { closeOnSignal, exitOnStartupFailure } from '@trading/platform';
import { MarketDataAppModule } from './market-data-app.module';

/** The quote simulator alone (no HTTP API; /metrics and /health on METRICS_PORT). One instance. */
async function bootstrap(): Promise<void> {
  const config = loadAppConfig(process.env);
  const observability = bootstrapObservability('market-data', 'standalone');
  const app = await NestFactory.createApplicationContext(withObservability(MarketDataAppModule.forRoot(config), observability), {
    abortOnError: false,
    logger: observability.logger,
  });
  closeOnSignal(app);
  Logger.log(`market data publishing every ${config.MARKET_DATA_INTERVAL_MS} ms`, 'Bootstrap');
}

bootstrap().catch(exitOnStartupFailure);
