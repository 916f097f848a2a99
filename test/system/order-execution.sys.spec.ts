import { Dec } from '@trading/domain';
import { eventually } from '@trading/testing';
import { TestAccount, TradingSystem } from '../support/trading-system';

interface FillPayload {
  readonly orderId: string;
  readonly executionId: string;
  readonly qty: string;
  readonly price: string;
  readonly venue: string | null;
  readonly executedAt: string | null;
}

/** Orders through the whole command side: REST -> OMS -> execution -> paper exchange -> OMS -> REST. */
describe('order execution through the paper exchange', () => {
  // quotes every 200 ms with at most 10 shares a side: a larger order fills in several executions
  const system = new TradingSystem({ MARKET_DATA_INTERVAL_MS: '200' });
  let trader: TestAccount;
  let price: number;

  beforeAll(async () => {
    await system.start();
    trader = await system.createAccount('100000');
    price = await system.referencePrice('AAPL');
  }, 180_000);

  afterAll(() => system.stop(), 60_000);

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${system.baseUrl}${path}`, {
      method,
      headers: trader.headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
  };
  const orderOnceIn = async (id: string, statuses: string[]) =>
    eventually(
      async () => {
        const { body } = await call('GET', `/v2/orders/${id}`);
        expect(statuses).toContain(body.status);
        return body;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  const fillsOf = async (orderId: string): Promise<FillPayload[]> =>
    (await system.orderEvents())
      .filter((e) => (e.type === 'OrderFilled' || e.type === 'OrderPartiallyFilled') && (e.payload as FillPayload).orderId === orderId)
      .map((e) => e.payload as FillPayload);

  it('fills a market order in several executions; filled_qty and filled_avg_price follow the fills exactly', async () => {
    const placed = await call('POST', '/v2/orders', { symbol: 'AAPL', qty: '25', side: 'buy', type: 'market', time_in_force: 'day' });
    expect(placed.status).toBe(200);
    const id = placed.body.id as string;

    const filled = await orderOnceIn(id, ['filled']);

    const fills = await fillsOf(id);
    expect(fills.length).toBeGreaterThanOrEqual(3);
    expect(new Set(fills.map((f) => f.executionId)).size).toBe(fills.length);
    expect(fills.every((f) => f.venue === 'PAPER' && f.executedAt !== null)).toBe(true);
    const qty = fills.reduce((sum, f) => sum.plus(f.qty), new Dec(0));
    const notional = fills.reduce((sum, f) => sum.plus(new Dec(f.qty).times(f.price)), new Dec(0));
    expect(qty.toString()).toBe('25');
    expect(filled.filled_qty).toBe('25');
    expect(new Dec(filled.filled_avg_price as string).eq(notional.div(qty).toDecimalPlaces(9))).toBe(true);
    expect(filled.filled_at).toEqual(expect.any(String));
  }, 60_000);

  it('works a limit order away from the market until it is canceled', async () => {
    const limit = (Math.round(price * 0.95 * 100) / 100).toFixed(2);
    const placed = await call('POST', '/v2/orders', { symbol: 'AAPL', qty: '3', side: 'buy', type: 'limit', limit_price: limit, time_in_force: 'gtc' });
    const id = placed.body.id as string;
    await orderOnceIn(id, ['new']);

    expect((await call('DELETE', `/v2/orders/${id}`)).status).toBe(204);

    const canceled = await orderOnceIn(id, ['canceled']);
    expect(canceled.filled_qty).toBe('0');
    expect(canceled.canceled_at).toEqual(expect.any(String));
  }, 60_000);

  it('replaces a working order: the old one is replaced, the new one works in its place', async () => {
    const limit = (factor: number) => (Math.round(price * factor * 100) / 100).toFixed(2);
    const placed = await call('POST', '/v2/orders', { symbol: 'AAPL', qty: '4', side: 'buy', type: 'limit', limit_price: limit(0.94), time_in_force: 'gtc' });
    const id = placed.body.id as string;
    await orderOnceIn(id, ['new']);

    const replaced = await call('PATCH', `/v2/orders/${id}`, { qty: '5', limit_price: limit(0.93) });
    expect(replaced.status).toBe(200);
    const replacementId = replaced.body.id as string;

    const old = await orderOnceIn(id, ['replaced']);
    expect(old.replaced_by).toBe(replacementId);
    const replacement = await orderOnceIn(replacementId, ['new']);
    expect(replacement).toMatchObject({ replaces: id, qty: '5', limit_price: limit(0.93) });
    const open = (await call('GET', '/v2/orders?status=open&symbols=AAPL&side=buy')).body as unknown as { id: string }[];
    expect(open.map((o) => o.id)).toContain(replacementId);
    expect(open.map((o) => o.id)).not.toContain(id);
    expect((await call('GET', '/v2/orders?status=open&symbols=MSFT')).body).toEqual([]);
  }, 60_000);

  it('refuses to cancel a filled order and leaves it filled', async () => {
    const placed = await call('POST', '/v2/orders', { symbol: 'MSFT', qty: '2', side: 'buy', type: 'market', time_in_force: 'day' });
    const id = placed.body.id as string;
    await orderOnceIn(id, ['filled']);

    const cancel = await call('DELETE', `/v2/orders/${id}`);

    expect(cancel.status).toBe(422);
    expect((await call('GET', `/v2/orders/${id}`)).body).toMatchObject({ status: 'filled', filled_qty: '2' });
  }, 60_000);
});
