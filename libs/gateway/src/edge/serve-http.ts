import { DynamicModule, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@trading/config';
import { bootstrapObservability, HttpTracingMiddleware, withObservability } from '@trading/observability';
import { closeOnSignal } from '@trading/platform';
import { AlpacaExceptionFilter } from './errors/alpaca-exception.filter';
import { losslessJsonBody } from '../orders/lossless-json.middleware';

/**
 * Starts a process that serves the Alpaca API (the gateway, or the all-in-one): observability,
 * a server span per request, the lossless JSON body parser and the Alpaca error filter, on
 * HOST:PORT, closed gracefully on SIGTERM/SIGINT. `rootModule` is built after observability is set up.
 */
export async function serveHttp(serviceName: string, config: AppConfig, rootModule: () => DynamicModule): Promise<void> {
  const observability = bootstrapObservability(serviceName, 'controller');
  // only now: building the root module loads the configuration module, which fills in SERVICE_NAME
  const app = await NestFactory.create(withObservability(rootModule(), observability), {
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
  Logger.log(`${serviceName} listening on http://${config.HOST}:${config.PORT}`, 'Bootstrap');
}
