import { eventually } from '@trading/testing';
import { TestAccount, TradingSystem } from '../support/trading-system';

/** What an operator sees of a run: Prometheus metrics, and JSON logs without a single secret. */
describe('observability of the running system', () => {
  // debug: the most the process ever logs, so a secret that leaks anywhere shows up here
  const system = new TradingSystem({ LOG_LEVEL: 'debug', MARKET_DATA_INTERVAL_MS: '200' });
  let trader: TestAccount;

  beforeAll(async () => {
    await system.start();
    trader = await system.createAccount('100000');
  }, 180_000);

  afterAll(() => system.stop(), 60_000);

  const post = (headers: Record<string, string>, body: unknown) =>
    fetch(`${system.baseUrl}/v2/orders`, { method: 'POST', headers, body: JSON.stringify(body) });

  it('counts decisions and acknowledgement latency, and logs JSON lines that never contain an API secret', async () => {
    const placed = await post({ ...trader.headers, 'Idempotency-Key': 'obs-1' }, { symbol: 'AAPL', qty: '2', side: 'buy', type: 'market', time_in_force: 'day' });
    expect(placed.status).toBe(200);
    const wrongSecret = `${trader.secretKey.slice(0, -4)}XXXX`;
    const refused = await post({ ...trader.headers, 'APCA-API-SECRET-KEY': wrongSecret }, { symbol: 'AAPL', qty: '1', side: 'buy', type: 'market', time_in_force: 'day' });
    expect(refused.status).toBe(401);

    await eventually(
      async () => {
        const text = await (await fetch(`${system.baseUrl}/metrics`)).text();
        expect(text).toMatch(/^trading_order_ack_latency_seconds_count\{outcome="accepted"\} [1-9]/m);
        expect(text).toMatch(/^trading_order_decisions_total\{outcome="accepted",rule=""\} [1-9]/m);
        expect(text).toMatch(/^trading_fills_total\{broker="paper",side="buy"\} [1-9]/m);
        // sampled every 10 s
        expect(text).toMatch(/^trading_consumer_lag\{group="[^"]+oms",topic="[^"]+trading.commands"/m);
      },
      { timeoutMs: 45_000, intervalMs: 500 },
    );

    const lines = system.output().split('\n').filter((line) => line.startsWith('{'));
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.every((line) => (JSON.parse(line) as { service?: string }).service === 'all-in-one')).toBe(true);
    expect(system.output()).not.toContain(trader.secretKey);
    expect(system.output()).not.toContain(wrongSecret);
  }, 90_000);
});
