import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { ReadinessProbes } from '../health/readiness.probes';
import { TradingMetrics } from '../metrics/trading-metrics';

export interface ObservabilityServerOptions {
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly metrics: TradingMetrics;
  readonly probes: ReadinessProbes;
}

export interface ObservabilityServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * `/metrics`, `/health/live` and `/health/ready` for the services without an HTTP API (OMS,
 * execution, projector, archiver), on METRICS_PORT. Nothing else is served.
 */
export async function startObservabilityServer(options: ObservabilityServerOptions): Promise<ObservabilityServer> {
  const server = createServer((request, response) => {
    route(options, request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { port: (server.address() as AddressInfo).port, close: () => closeServer(server) };
}

async function route(options: ObservabilityServerOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'application/json', { error: 'method not allowed' });
  switch (path) {
    case '/metrics':
      response.writeHead(200, { 'content-type': options.metrics.contentType });
      response.end(await options.metrics.text());
      return;
    case '/health/live':
      return send(response, 200, 'application/json', { status: 'ok' });
    case '/health/ready': {
      const report = await options.probes.check();
      return send(response, report.status === 'ok' ? 200 : 503, 'application/json', report);
    }
    default:
      return send(response, 404, 'application/json', { error: 'not found' });
  }
}

function send(response: ServerResponse, status: number, contentType: string, body: unknown): void {
  response.writeHead(status, { 'content-type': contentType });
  response.end(JSON.stringify(body));
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
