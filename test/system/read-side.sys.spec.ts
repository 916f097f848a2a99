import { trading } from '@alpacahq/alpaca-trade-api';
import { Dec, formatMoney } from '@trading/domain';
import { eventually } from '@trading/testing';
import { TestAccount, TradingSystem } from '../support/trading-system';

interface FillPayload {
  readonly orderId: string;
  readonly qty: string;
  readonly price: string;
}

type Json = Record<string, unknown>;

/**
 * The read side end to end: a market buy through the OMS and the paper exchange, then reads from
 * the PostgreSQL and DynamoDB read models with read-your-writes (`X-Consistency-Token`), with raw
 * HTTP and with the official Alpaca SDK; another account sees none of it.
 */
describe('the read side: orders, positions and account from the read models', () => {
  const system = new TradingSystem({ MARKET_DATA_INTERVAL_MS: '200' });
  let trader: TestAccount;
  let stranger: TestAccount;
  let orderId: string;
  let token: string;

  const call = async (account: TestAccount, method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) => {
    const response = await fetch(`${system.baseUrl}${path}`, {
      method,
      headers: { ...account.headers, ...options.headers },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as Json & Json[] };
  };
  const sdkConfig = (account: TestAccount) =>
    new trading.Configuration({ basePath: system.baseUrl, keyId: account.keyId, secret: account.secretKey, paper: true, timeoutMs: 0 });
  const fillsOf = async (id: string): Promise<FillPayload[]> =>
    (await system.orderEvents())
      .filter((e) => (e.type === 'OrderFilled' || e.type === 'OrderPartiallyFilled') && (e.payload as FillPayload).orderId === id)
      .map((e) => e.payload as FillPayload);

  beforeAll(async () => {
    await system.start();
    [trader, stranger] = await Promise.all([system.createAccount('100000'), system.createAccount('5000')]);
  }, 180_000);

  afterAll(() => system.stop(), 60_000);

  it('given a market buy answered with a consistency token, when the order is read with it, then the read model has it', async () => {
    const placed = await call(trader, 'POST', '/v2/orders', { body: { symbol: 'AAPL', qty: '7', side: 'buy', type: 'market', time_in_force: 'day' } });
    expect(placed.status).toBe(200);
    orderId = placed.body.id as string;
    token = placed.headers.get('x-consistency-token') ?? '';
    expect(token).toMatch(/^[1-9]\d*$/);

    const read = await call(trader, 'GET', `/v2/orders/${orderId}`, { headers: { 'X-Consistency-Token': token } });

    expect(read.status).toBe(200);
    expect(read.headers.get('x-consistency-stale')).toBeNull();
    expect(read.body).toMatchObject({ id: orderId, symbol: 'AAPL', qty: '7', side: 'buy', type: 'market' });
  }, 30_000);

  it('given the order filled, then the position is at the fill average and the cash is reduced by the exact cost', async () => {
    const filled = await eventually(
      async () => {
        const { body } = await call(trader, 'GET', `/v2/orders/${orderId}`);
        expect(body.status).toBe('filled');
        return body;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    const fills = await fillsOf(orderId);
    const cost = fills.reduce((sum, fill) => sum.plus(new Dec(fill.qty).times(fill.price)), new Dec(0));

    const position = await eventually(
      async () => {
        const { body } = await call(trader, 'GET', '/v2/positions');
        expect(body).toHaveLength(1);
        expect(body[0]?.qty).toBe('7');
        return body[0] as Json;
      },
      { timeoutMs: 15_000, intervalMs: 100 },
    );
    const account = await call(trader, 'GET', '/v2/account');

    expect(position).toMatchObject({ symbol: 'AAPL', side: 'long', asset_class: 'us_equity', avg_entry_price: filled.filled_avg_price });
    expect(new Dec(position.cost_basis as string).eq(cost)).toBe(true);
    expect(account.status).toBe(200);
    expect(account.body).toMatchObject({ id: trader.accountId, status: 'ACTIVE', currency: 'USD', cash: formatMoney(new Dec('100000').minus(cost)) });
    expect(account.body.buying_power).toBe(account.body.cash);
    // the price moves between the two reads: equity is checked within the account answer
    expect(new Dec(account.body.equity as string).eq(new Dec(account.body.cash as string).plus(account.body.long_market_value as string))).toBe(true);
    expect(new Dec(account.body.long_market_value as string).gt(0)).toBe(true);
  }, 60_000);

  it('given a token the read models never reach, then the answer still comes, marked stale', async () => {
    const read = await call(trader, 'GET', '/v2/account', { headers: { 'X-Consistency-Token': '999999999' } });

    expect(read.status).toBe(200);
    expect(read.headers.get('x-consistency-stale')).toBe('true');
  }, 30_000);

  it('given a malformed token, then 422 naming the header', async () => {
    const read = await call(trader, 'GET', '/v2/positions', { headers: { 'X-Consistency-Token': 'yesterday' } });

    expect(read.status).toBe(422);
    expect(read.body).toMatchObject({ code: 42210000, reason: 'CONSISTENCY.MALFORMED_TOKEN' });
    expect(read.body.message).toContain('X-Consistency-Token');
  });

  it('when the official SDK reads orders, positions and account, then it parses every model', async () => {
    const config = sdkConfig(trader);

    const order = await new trading.OrdersApi(config).getOrderByOrderID({ orderId });
    const orders = await new trading.OrdersApi(config).getAllOrders({ status: 'closed', symbols: 'AAPL', side: 'buy' });
    const positions = await new trading.PositionsApi(config).getAllOpenPositions();
    const position = await new trading.PositionsApi(config).getOpenPosition({ symbolOrAssetId: 'AAPL' });
    const account = await new trading.AccountsApi(config).getAccount();

    expect(order).toMatchObject({ id: orderId, status: 'filled', filledQty: '7' });
    expect(orders.map((o) => o.id)).toEqual([orderId]);
    // prices move with every quote: compare what does not
    const stable = { symbol: 'AAPL', assetId: position.assetId, qty: '7', costBasis: position.costBasis, avgEntryPrice: position.avgEntryPrice };
    expect(positions).toEqual([expect.objectContaining(stable)]);
    expect(position).toMatchObject({ symbol: 'AAPL', qty: '7', side: 'long', exchange: 'NASDAQ', assetClass: 'us_equity' });
    expect(position.assetId).toMatch(/^[0-9a-f-]{36}$/);
    const raw = (await call(trader, 'GET', '/v2/account')).body;
    expect(account).toMatchObject({
      id: trader.accountId,
      status: 'ACTIVE',
      currency: 'USD',
      cash: raw.cash,
      buyingPower: raw.buying_power,
      multiplier: '1',
      tradingBlocked: false,
      shortingEnabled: false,
    });
    expect(account.createdAt).toBeInstanceOf(Date);
    expect(Number.isNaN(account.createdAt?.getTime())).toBe(false);
    expect(await new trading.PositionsApi(config).getOpenPosition({ symbolOrAssetId: position.assetId })).toMatchObject(stable);
  }, 30_000);

  it('given another account, then it sees none of it: no order, no position, its own cash', async () => {
    expect((await call(stranger, 'GET', `/v2/orders/${orderId}`)).status).toBe(404);
    expect((await call(stranger, 'GET', '/v2/orders?status=all')).body).toEqual([]);
    expect((await call(stranger, 'GET', '/v2/positions')).body).toEqual([]);
    const missing = await call(stranger, 'GET', '/v2/positions/AAPL');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ reason: 'POSITION.NOT_FOUND' });
    const account = await eventually(
      async () => {
        const read = await call(stranger, 'GET', '/v2/account');
        expect(read.status).toBe(200);
        return read.body;
      },
      { timeoutMs: 15_000, intervalMs: 100 },
    );
    expect(account).toMatchObject({ id: stranger.accountId, cash: '5000.00', buying_power: '5000.00', long_market_value: '0.00' });
  }, 30_000);
});
