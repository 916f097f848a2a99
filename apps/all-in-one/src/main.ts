import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadAppConfig } from '@trading/config';
import { AlpacaExceptionFilter, losslessJsonBody } from '@trading/gateway';
import { bootstrapObservability, HttpTracingMiddleware, withObservability } from '@trading/observability';
import { closeOnSignal, exitOnStartupFailure } from '@trading/platform';
import { AppModule } from './app.module';

async function bootstrap(): Promise<void> {
  // Fail on configuration before touching any service, with a message that names the setting.
  const config = loadAppConfig(process.env);
  const observability = bootstrapObservability('all-in-one', 'controller');
  const app = await NestFactory.create(withObservability(AppModule.forRoot(config), observability), {
    abortOnError: false,
    bodyParser: false,
    logger: observability.logger,
  });
  // a server span per request: the command it publishes, and everything after, joins its trace
  const httpTracing = new HttpTracingMiddleware();
  app.use(httpTracing.use.bind(httpTracing));
  app.use(losslessJsonBody);
  // errors raised before routing (unknown routes, unreadable bodies) reach only global filters
  app.useGlobalFilters(app.get(AlpacaExceptionFilter));
  await app.listen(config.PORT, config.HOST);
  closeOnSignal(app);
  Logger.log(`all-in-one listening on http://${config.HOST}:${config.PORT}`, 'Bootstrap');
}

bootstrap().catch(exitOnStartupFailure);
