import { ReadinessProbes } from '../health/readiness.probes';
import { TradingMetrics } from '../metrics/trading-metrics';
import { ObservabilityServer, startObservabilityServer } from './observability.server';

describe('the standalone observability server', () => {
  const metrics = new TradingMetrics({ processMetrics: false });
  const probes = new ReadinessProbes(500);
  let server: ObservabilityServer;
  let ready = false;

  beforeAll(async () => {
    probes.register('oms-partition-state', () => ready);
    metrics.fills.inc({ broker: 'paper', side: 'sell' });
    server = await startObservabilityServer({ host: '127.0.0.1', port: 0, metrics, probes });
  });
  afterAll(() => server.close());

  const get = (path: string) => fetch(`http://127.0.0.1:${server.port}${path}`);

  it('serves the metrics as Prometheus text', async () => {
    const response = await get('/metrics');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toContain('trading_fills_total{broker="paper",side="sell"} 1');
  });

  it('is live while the process runs', async () => {
    expect((await get('/health/live')).status).toBe(200);
  });

  it('given a probe that is not ready, then readiness is 503 naming it; once it is, 200', async () => {
    const before = await get('/health/ready');
    expect(before.status).toBe(503);
    expect(await before.json()).toEqual({ status: 'unavailable', checks: { 'oms-partition-state': { status: 'down', error: 'not ready' } } });

    ready = true;
    const after = await get('/health/ready');
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ status: 'ok', checks: { 'oms-partition-state': { status: 'up' } } });
  });

  it('answers 404 for anything else', async () => {
    expect((await get('/v2/orders')).status).toBe(404);
  });
});
