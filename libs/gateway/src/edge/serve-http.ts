import { DynamicModule, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
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
  keepConnections(app.getHttpServer() as Server, config.HTTP_KEEP_ALIVE_TIMEOUT_MS);
  closeOnSignal(app);
  Logger.log(`${serviceName} listening on http://${config.HOST}:${config.PORT}`, 'Bootstrap');
}

/**
 * Node closes an idle keep-alive connection after 5 s, so a client that pauses longer opens a new
 * one, and a busy process accepts new connections slowly: libuv accepts one per event-loop turn
 * (libuv/libuv#3696), and a turn of a loaded all-in-one takes tens of ms. Kept connections skip that.
 */
function keepConnections(server: Server, keepAliveTimeoutMs: number): void {
  server.keepAliveTimeout = keepAliveTimeoutMs;
  // a connection waiting for its next request must not be cut by the headers timeout first
  server.headersTimeout = Math.max(server.headersTimeout, keepAliveTimeoutMs + 1_000);
}
