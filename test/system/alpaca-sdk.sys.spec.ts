import { ApiError, AuthError, marketData, NotFoundError, OrdersApi, PermissionError, trading, ValidationError } from '@alpacahq/alpaca-trade-api';
import { TestAccount, TradingSystem } from '../support/trading-system';

/**
 * The official Alpaca Node SDK (`@alpacahq/alpaca-trade-api` 4.x) drives our API end to end. Its
 * `Alpaca` facade has no base-URL option (the host follows `paper`), so the SDK's own `OrdersApi`
 * and `StockApi` are built on a `Configuration` whose `basePath` is our process. Retries stay off
 * (the raw configuration's default), so no 5xx or 429 could hide behind a retry.
 */
describe('the official Alpaca SDK against our API', () => {
  // the paper venue answers after 10 minutes: orders stay as the OMS decided them, so the SDK's
  // parsing of every status and refusal is tested deterministically (fills: read-side.sys.spec.ts)
  const system = new TradingSystem({ PAPER_LATENCY_MS: '600000' });
  let trader: TestAccount;
  let smallAccount: TestAccount;
  let orders: OrdersApi;
  let price: number;

  // timeoutMs 0: the SDK (4.0.2) never releases the 204 of deleteOrderByOrderID, so its 30 s
  // per-request deadline timer would keep jest alive after the run; jest's own timeouts bound us
  const sdkConfig = (account: TestAccount) => ({ basePath: system.baseUrl, keyId: account.keyId, secret: account.secretKey, paper: true, timeoutMs: 0 });
  const ordersOf = (account: TestAccount) => new OrdersApi(new trading.Configuration(sdkConfig(account)));
  // a fresh quantity each time: the duplicate-order guard refuses identical orders within a second
  let nextQty = 1;
  const qty = () => nextQty++;
  const limitPrice = () => (Math.round(price * 0.99 * 100) / 100).toFixed(2);
  const limitBuy = async (clientOrderId?: string) => {
    const order = await orders.limit({ symbol: 'AAPL', side: 'buy', qty: qty(), limitPrice: limitPrice(), ...(clientOrderId ? { clientOrderId } : {}) });
    if (order.id === undefined) throw new Error('the SDK parsed an order without an id');
    return { ...order, id: order.id };
  };

  /** The error the SDK threw, and our raw error body (the SDK keeps only `code` and `message`). */
  const failureOf = async (call: Promise<unknown>): Promise<{ error: ApiError; body: unknown }> => {
    try {
      await call;
    } catch (error) {
      if (error instanceof ApiError) return { error, body: await error.response.json() };
      throw error;
    }
    throw new Error('the call succeeded, an ApiError was expected');
  };

  beforeAll(async () => {
    await system.start();
    [trader, smallAccount] = await Promise.all([system.createAccount('100000'), system.createAccount('1000')]);
    orders = ordersOf(trader);
    price = await system.referencePrice('AAPL');
  }, 180_000);

  afterAll(() => system.stop(), 60_000);

  it('given simulated quotes, when the SDK reads the latest AAPL quote, then it parses our market-data answer', async () => {
    const stocks = new marketData.StockApi(new marketData.Configuration(sdkConfig(trader)));

    const latest = await stocks.stockLatestQuoteSingle({ symbol: 'AAPL' });

    expect(latest.symbol).toBe('AAPL');
    expect(latest.quote.bp).toBeGreaterThan(0);
    expect(latest.quote.ap).toBeGreaterThanOrEqual(latest.quote.bp);
    expect(Number.isNaN(latest.quote.t.getTime())).toBe(false);
  });

  it('when the SDK places a limit buy with a client order id, then it parses the order: Alpaca fields, decimals as strings', async () => {
    const quantity = qty();
    const placed = await orders.limit({ symbol: 'AAPL', side: 'buy', qty: quantity, limitPrice: limitPrice(), clientOrderId: 'sdk-first-order' });

    expect(placed).toMatchObject({
      clientOrderId: 'sdk-first-order',
      symbol: 'AAPL',
      assetClass: 'us_equity',
      qty: String(quantity),
      filledQty: '0',
      limitPrice: limitPrice(),
      side: 'buy',
      type: 'limit',
      orderType: 'limit',
      timeInForce: 'day',
      status: 'pending_new',
      extendedHours: false,
    });
    expect(placed.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(placed.filledAvgPrice).toBeUndefined();
    expect(placed.createdAt).toBeInstanceOf(Date);
    expect(Number.isNaN(placed.submittedAt?.getTime())).toBe(false);
  });

  it('when the SDK reads an order by id, by client order id and in the open list, then each finds the same order', async () => {
    const placed = await limitBuy('sdk-read-me');
    const same = { id: placed.id, clientOrderId: 'sdk-read-me', symbol: 'AAPL', qty: placed.qty, limitPrice: placed.limitPrice, status: 'pending_new' };

    expect(await orders.getOrderByOrderID({ orderId: placed.id })).toMatchObject(same);
    expect(await orders.getOrderByClientOrderId({ clientOrderId: 'sdk-read-me' })).toMatchObject(same);
    expect(await orders.getAllOrders({ status: 'open', limit: 500, direction: 'desc' })).toEqual(
      expect.arrayContaining([expect.objectContaining(same)]),
    );
    expect((await orders.getAllOrders({ status: 'closed' })).map((o) => o.id)).not.toContain(placed.id);
  });

  it('when the SDK replaces an order still pending_new, then it throws its ValidationError with our 422 and message', async () => {
    const placed = await limitBuy();

    const { error, body } = await failureOf(orders.patchOrderByOrderId({ orderId: placed.id, patchOrderRequest: { qty: '1' } }));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 422, code: 42210000 });
    expect(error.message).toMatch(/pending_new.*cannot be replaced/);
    expect(body).toMatchObject({ reason: 'ORDER.NOT_REPLACEABLE' });
    expect(await orders.getOrderByOrderID({ orderId: placed.id })).toMatchObject({ status: 'pending_new', qty: placed.qty, replacedBy: undefined });
  });

  it('when the SDK places an order over the buying power, then it throws its PermissionError with our 403 and message, and no order exists', async () => {
    const small = ordersOf(smallAccount);

    const { error, body } = await failureOf(small.limit({ symbol: 'AAPL', side: 'buy', qty: 10, limitPrice: limitPrice() }));

    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({ status: 403, code: 40310000 });
    expect(error.message).toMatch(/buying power is 1000\.00/);
    expect(body).toMatchObject({ reason: 'RISK.BUYING_POWER' });
    expect(await small.getAllOrders({ status: 'all' })).toEqual([]);
  });

  it('when the SDK cancels an order, then the call resolves and the order is pending_cancel', async () => {
    const placed = await limitBuy();

    await expect(orders.deleteOrderByOrderID({ orderId: placed.id })).resolves.toBeUndefined();

    expect(await orders.getOrderByOrderID({ orderId: placed.id })).toMatchObject({ status: 'pending_cancel' });
  });

  it('when the SDK cancels all orders, then it parses the per-order answers and every open order is pending_cancel', async () => {
    const first = await limitBuy();
    const second = await limitBuy();

    const canceled = await orders.deleteAllOrders();

    expect(canceled).toEqual(
      expect.arrayContaining([
        { id: first.id, status: 200 },
        { id: second.id, status: 200 },
      ]),
    );
    for (const { id } of [first, second]) {
      expect(await orders.getOrderByOrderID({ orderId: id })).toMatchObject({ status: 'pending_cancel' });
    }
  });

  it('when the SDK asks for an unknown order or uses a wrong secret, then it throws its NotFoundError (404) and AuthError (401)', async () => {
    const missing = (await failureOf(orders.getOrderByOrderID({ orderId: '00000000-0000-7000-8000-000000000000' }))).error;
    const unauthorised = (await failureOf(ordersOf({ ...trader, secretKey: 'not-the-secret' }).getAllOrders())).error;

    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({ status: 404, code: 40410000 });
    expect(unauthorised).toBeInstanceOf(AuthError);
    expect(unauthorised).toMatchObject({ status: 401, code: 40110000, message: 'request is not authorized' });
  });
});
