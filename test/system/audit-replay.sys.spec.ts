import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually } from '@trading/testing';
import { REPO_ROOT } from '../support/service-process';
import { TestAccount, TradingSystem } from '../support/trading-system';

const run = promisify(execFile);

/**
 * The whole audit path: a mixed workload through the running system (fills, partial fills,
 * cancels, replaces, risk rejects), archived by the system's own archiver, then replayed from S3
 * alone by the compliance CLI and proven equal to the live read models (`--verify` exits 0).
 */
describe('compliance replay of the running system', () => {
  const system = new TradingSystem({ MARKET_DATA_INTERVAL_MS: '200', ARCHIVE_FLUSH_MS: '300', ARCHIVE_FLUSH_RECORDS: '50' });
  let trader: TestAccount;
  let price: number;

  beforeAll(async () => {
    await system.start();
    trader = await system.createAccount('100000');
    price = await system.referencePrice('AAPL');
  }, 180_000);

  afterAll(() => system.stop(), 60_000);

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${system.baseUrl}${path}`, { method, headers: trader.headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
  };
  const replay = (...args: string[]) =>
    run(process.execPath, [join(REPO_ROOT, 'dist/apps/replay/src/main.js'), '--no-progress', '--account', trader.accountId, ...args], {
      env: { ...process.env, ...system.environment },
      timeout: 120_000,
    });
  const limit = (factor: number) => (Math.round(price * factor * 100) / 100).toFixed(2);

  it('reconstructs from S3 exactly what the read models hold, and --verify says so', async () => {
    const market = await call('POST', '/v2/orders', { symbol: 'AAPL', qty: '23', side: 'buy', type: 'market', time_in_force: 'day' });
    const resting = await call('POST', '/v2/orders', { symbol: 'AAPL', qty: '3', side: 'buy', type: 'limit', limit_price: limit(0.95), time_in_force: 'gtc' });
    const toReplace = await call('POST', '/v2/orders', { symbol: 'AAPL', qty: '2', side: 'buy', type: 'limit', limit_price: limit(0.94), time_in_force: 'gtc' });
    const refused = await call('POST', '/v2/orders', { symbol: 'AAPL', qty: '9000', side: 'buy', type: 'market', time_in_force: 'day' });
    expect([market.status, resting.status, toReplace.status, refused.status]).toEqual([200, 200, 200, 403]);
    await eventually(async () => expect((await call('GET', `/v2/orders/${market.body.id as string}`)).body.status).toBe('filled'), { timeoutMs: 30_000, intervalMs: 200 });
    await eventually(async () => expect((await call('GET', `/v2/orders/${resting.body.id as string}`)).body.status).toBe('new'), { timeoutMs: 30_000, intervalMs: 200 });
    expect((await call('DELETE', `/v2/orders/${resting.body.id as string}`)).status).toBe(204);
    await eventually(async () => expect((await call('GET', `/v2/orders/${toReplace.body.id as string}`)).body.status).toBe('new'), { timeoutMs: 30_000, intervalMs: 200 });
    expect((await call('PATCH', `/v2/orders/${toReplace.body.id as string}`, { qty: '3' })).status).toBe(200);
    await eventually(async () => expect((await call('GET', `/v2/orders/${resting.body.id as string}`)).body.status).toBe('canceled'), { timeoutMs: 30_000, intervalMs: 200 });
    await eventually(async () => expect((await call('GET', `/v2/orders/${toReplace.body.id as string}`)).body.status).toBe('replaced'), { timeoutMs: 30_000, intervalMs: 200 });

    // the archive catches up (flushes every 300 ms), then replay from S3 alone equals the read models
    const verified = await eventually(
      async () => {
        const result = await replay('--verify').catch((error: { code?: number; stdout?: string; stderr?: string }) => error);
        expect(result).toMatchObject({ stdout: expect.stringMatching(/0 differences/) as unknown });
        return result as { stdout: string };
      },
      { timeoutMs: 90_000, intervalMs: 2000 },
    );
    expect(verified.stdout).toMatch(/4 orders|5 orders/);

    const { stdout } = await replay('--json');
    const state = JSON.parse(stdout) as { orders: { order: { orderId: string; status: string; filledQty: string } }[] };
    const order = (id: unknown) => state.orders.find((o) => o.order.orderId === id)?.order;
    expect(order(market.body.id)).toMatchObject({ status: 'filled', filledQty: '23' });
    expect(order(resting.body.id)).toMatchObject({ status: 'canceled' });
    expect(order(toReplace.body.id)).toMatchObject({ status: 'replaced' });
  }, 240_000);
});
