import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { TradingMetrics } from './metrics/trading-metrics';
import { ObservabilityModule } from './observability.module';
import { loadObservabilitySettings } from './observability.settings';

describe('ObservabilityModule on the HTTP port', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    const module = ObservabilityModule.forRoot({ settings: loadObservabilitySettings({}), expose: 'controller' });
    app = await NestFactory.create(module, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  it('given a decision counted through the shared registry, when /metrics is scraped, then it is in the text exposition', async () => {
    app.get(TradingMetrics).orderDecisions.inc({ outcome: 'accepted', rule: '' });

    const response = await fetch(`${base}/metrics`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('trading_order_decisions_total{outcome="accepted",rule=""} 1');
    expect(text).toContain('process_resident_memory_bytes');
  });
});

describe('ObservabilityModule embedded in a worker thread', () => {
  it('given embedded, when started, then it serves nothing and its registry has no process metrics to double', async () => {
    const module = ObservabilityModule.forRoot({ settings: loadObservabilitySettings({ METRICS_PORT: '0' }), expose: 'embedded' });
    const app = await NestFactory.create(module, { logger: false });
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
    app.get(TradingMetrics).fills.inc({ broker: 'paper', side: 'buy' });

    try {
      expect((await fetch(`${base}/metrics`)).status).toBe(404);
      const names = (await app.get(TradingMetrics).snapshot()).map((metric) => metric.name);
      expect(names).toContain('trading_fills_total');
      expect(names).not.toContain('process_resident_memory_bytes');
    } finally {
      await app.close();
    }
  });
});

describe('loadObservabilitySettings', () => {
  it('given nothing set, then tracing is off and metrics are on 9464', () => {
    expect(loadObservabilitySettings({})).toMatchObject({ tracesExporter: 'none', metricsPort: 9464, serviceName: 'trading-backend' });
  });

  it('given a bad value, then it names the variable without echoing it', () => {
    expect(() => loadObservabilitySettings({ OTEL_TRACES_EXPORTER: 'zipkin-secret' })).toThrow(/OTEL_TRACES_EXPORTER$/);
  });
});
