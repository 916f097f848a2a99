import { TestAccount, TradingSystem } from '../support/trading-system';

/** Order entry through the real process: REST -> Kafka -> OMS -> Kafka -> REST. */
describe('order entry (Alpaca v2 dialect)', () => {
  // the paper venue answers after 10 minutes: every order here stays as the OMS decided it
  // (pending_new), so what happens before a broker acknowledges is tested deterministically
  const system = new TradingSystem({ PAPER_LATENCY_MS: '600000' });
  let trader: TestAccount;
  let stranger: TestAccount;
  let price: number;

  beforeAll(async () => {
    await system.start();
    [trader, stranger] = await Promise.all([system.createAccount('100000'), system.createAccount('5000')]);
    price = await system.referencePrice('AAPL');
  }, 180_000);

  afterAll(() => system.stop(), 60_000);

  const call = async (account: TestAccount | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${system.baseUrl}${path}`, {
      method,
      headers: { ...(account?.headers ?? { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
  };
  // a fresh quantity each time: the duplicate-order guard refuses identical orders within a second
  let nextQty = 1;
  const limitBuy = (overrides: Record<string, unknown> = {}) => ({
    symbol: 'AAPL',
    qty: String(nextQty++),
    side: 'buy',
    type: 'limit',
    time_in_force: 'day',
    limit_price: (Math.round(price * 0.99 * 100) / 100).toFixed(2),
    ...overrides,
  });

  it('accepts an order: the OMS decision comes back with Alpaca fields, and reads find it', async () => {
    const placed = await call(trader, 'POST', '/v2/orders', limitBuy({ client_order_id: 'my-first-order', qty: '2' }));

    expect(placed.status).toBe(200);
    expect(placed.body).toMatchObject({
      client_order_id: 'my-first-order',
      symbol: 'AAPL',
      qty: '2',
      filled_qty: '0',
      side: 'buy',
      type: 'limit',
      time_in_force: 'day',
      status: 'pending_new',
      asset_class: 'us_equity',
    });
    const id = placed.body.id as string;
    expect((await call(trader, 'GET', `/v2/orders/${id}`)).body).toEqual(placed.body);
    expect((await call(trader, 'GET', '/v2/orders:by_client_order_id?client_order_id=my-first-order')).body).toEqual(placed.body);
    expect((await call(trader, 'GET', '/v2/orders?status=open')).body).toEqual(expect.arrayContaining([placed.body]));
  });

  it("never shows one account another's order (404, not 403)", async () => {
    const placed = await call(trader, 'POST', '/v2/orders', limitBuy());

    expect((await call(stranger, 'GET', `/v2/orders/${placed.body.id as string}`)).status).toBe(404);
    expect((await call(stranger, 'DELETE', `/v2/orders/${placed.body.id as string}`)).status).toBe(404);
    expect((await call(stranger, 'PATCH', `/v2/orders/${placed.body.id as string}`, { qty: '1' })).status).toBe(404);
  });

  it('refuses an order over a risk limit with 403, the rule and the numbers', async () => {
    const refused = await call(stranger, 'POST', '/v2/orders', limitBuy({ qty: '100' }));

    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 40310000, reason: 'RISK.BUYING_POWER' });
    expect(String(refused.body.message)).toMatch(/\d/);
  });

  it.each([
    [{ qty: '0' }, 'qty'],
    [{ qty: '-1' }, 'qty'],
    [{ qty: 'NaN' }, 'qty'],
    [{ qty: '1.1234567891' }, 'qty'],
    [{ type: 'trailing' }, 'type'],
    [{ time_in_force: 'opg' }, 'time_in_force'],
    [{ limit_price: undefined }, 'limit_price'],
    [{ type: 'market', limit_price: '10.00' }, 'limit_price'],
    [{ symbol: 'not a symbol' }, 'symbol'],
  ])('refuses bad input %j with 422 naming %s', async (overrides, field) => {
    const refused = await call(trader, 'POST', '/v2/orders', limitBuy(overrides));

    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 42210000, details: expect.objectContaining({ field }) as unknown });
  });

  it('answers malformed JSON with 400', async () => {
    expect((await call(trader, 'POST', '/v2/orders', '{"symbol": "AAPL",')).status).toBe(400);
  });

  it('refuses a second order with the same client_order_id', async () => {
    expect((await call(trader, 'POST', '/v2/orders', limitBuy({ client_order_id: 'once-only' }))).status).toBe(200);

    const again = await call(trader, 'POST', '/v2/orders', limitBuy({ client_order_id: 'once-only' }));


    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ reason: 'ORDER.DUPLICATE_CLIENT_ORDER_ID' });
  });

  it('replays the first response to a retry with the same Idempotency-Key', async () => {
    const body = limitBuy();
    const first = await call(trader, 'POST', '/v2/orders', body, { 'Idempotency-Key': 'retry-1' });
    const retry = await call(trader, 'POST', '/v2/orders', body, { 'Idempotency-Key': 'retry-1' });

    expect(first.status).toBe(200);
    expect(retry).toEqual(first);
    const open = (await call(trader, 'GET', '/v2/orders?status=all&limit=500')).body as unknown as { id: string }[];
    expect(open.filter((o) => o.id === first.body.id)).toHaveLength(1);
  });

  it('refuses to replace an order the broker has not acknowledged yet, and cancels it', async () => {
    const placed = await call(trader, 'POST', '/v2/orders', limitBuy());
    const id = placed.body.id as string;
    expect(placed.status).toBe(200);

    const replace = await call(trader, 'PATCH', `/v2/orders/${id}`, { qty: '1' });
    expect(replace.status).toBe(422);
    expect(replace.body).toMatchObject({ reason: 'ORDER.NOT_REPLACEABLE' });

    expect((await call(trader, 'DELETE', `/v2/orders/${id}`)).status).toBe(204);
    expect((await call(trader, 'GET', `/v2/orders/${id}`)).body).toMatchObject({ status: 'pending_cancel' });
  });

  it('honours the kill switch set with the admin command; cancels still pass', async () => {
    const account = await system.createAccount('10000');
    const placed = await call(account, 'POST', '/v2/orders', limitBuy({ qty: '1' }));
    await system.admin('trading:set', '--account', account.accountId, '--state', 'HALTED', '--reason', 'test');

    const refusedAfterHalt = async () => (await call(account, 'POST', '/v2/orders', limitBuy({ qty: '1' }))).body.reason;
    let reason: unknown;
    for (let i = 0; i < 50 && reason !== 'RISK.TRADING_HALTED'; i++) {
      reason = await refusedAfterHalt();
      if (reason !== 'RISK.TRADING_HALTED') await new Promise((resolve) => setTimeout(resolve, 200));
    }

    expect(reason).toBe('RISK.TRADING_HALTED');
    expect((await call(account, 'DELETE', `/v2/orders/${placed.body.id as string}`)).status).toBe(204);
  });

  // last: it halts every account of this system for a moment
  it('halts every account with the global kill switch, and trading resumes when it is lifted', async () => {
    const reasonOf = async () => (await call(trader, 'POST', '/v2/orders', limitBuy({ qty: '1' }))).body.reason ?? 'accepted';
    const until = async (expected: unknown) => {
      let seen: unknown;
      for (let i = 0; i < 50 && seen !== expected; i++) {
        seen = await reasonOf();
        if (seen !== expected) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      return seen;
    };

    await system.admin('trading:set-global', '--state', 'HALTED', '--reason', 'drill');
    expect(await until('RISK.TRADING_HALTED')).toBe('RISK.TRADING_HALTED');

    await system.admin('trading:set-global', '--state', 'ACTIVE', '--reason', 'drill over');
    expect(await until('accepted')).toBe('accepted');
  });

  it('answers 401 without valid keys', async () => {
    expect((await call(null, 'GET', '/v2/orders')).status).toBe(401);
    expect((await call({ ...trader, headers: { ...trader.headers, 'APCA-API-SECRET-KEY': 'wrong' } }, 'GET', '/v2/orders')).status).toBe(401);
  });
});
