import { eventually } from '@trading/testing';
import { TradeStream } from '../support/trade-stream';
import { TestAccount, TradingSystem } from '../support/trading-system';

type Json = Record<string, unknown>;

/**
 * The system as deployed: the gateway process serves HTTP and decides nothing; the OMS, execution,
 * projector (with the trade-updates notifier) and market-data processes run beside it. An order
 * placed at the gateway is decided, filled, projected and streamed by the others, and an order
 * placed while the OMS is down is decided once it is back.
 */
describe('the split deployment: the gateway process with the services beside it', () => {
  const system = new TradingSystem({ MARKET_DATA_INTERVAL_MS: '200' }, 'split');
  let trader: TestAccount;

  const call = async (method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) => {
    const response = await fetch(`${system.baseUrl}${path}`, {
      method,
      headers: { ...trader.headers, ...options.headers },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as Json & Json[] };
  };
  const marketBuy = (qty: string) => call('POST', '/v2/orders', { body: { symbol: 'AAPL', qty, side: 'buy', type: 'market', time_in_force: 'day' } });

  beforeAll(async () => {
    await system.start();
    trader = await system.createAccount('100000');
  }, 180_000);

  afterAll(() => system.stop(), 60_000);

  it('given the gateway alone, when its readiness is asked, then it names only the services it uses', async () => {
    const response = await fetch(`${system.baseUrl}/health/ready`);

    expect(response.status).toBe(200);
    const report = (await response.json()) as { dependencies: Record<string, { status: string }> };
    expect(Object.keys(report.dependencies).sort()).toEqual(['dynamodb', 'kafka', 'postgres', 'redis']);
  });

  it('given a trade stream, when a market buy is placed at the gateway, then it is filled, projected and streamed by the other processes', async () => {
    const stream = await TradeStream.open(system.baseUrl, trader.headers);
    try {
      const placed = await marketBuy('3');
      expect(placed.status).toBe(200);
      const orderId = placed.body.id as string;

      await eventually(async () => {
        const read = await call('GET', `/v2/orders/${orderId}`);
        expect(read.body).toMatchObject({ id: orderId, status: 'filled', filled_qty: '3' });
      }, { timeoutMs: 30_000 });
      await eventually(async () => {
        const position = await call('GET', '/v2/positions/AAPL');
        expect(position.body).toMatchObject({ symbol: 'AAPL', qty: '3', side: 'long' });
      }, { timeoutMs: 30_000 });
      await eventually(
        () => expect(stream.events.filter((e) => e.data.order.id === orderId).map((e) => e.event)).toContain('fill'),
        { timeoutMs: 30_000 },
      );
    } finally {
      await stream.close();
    }
  });

  it('given the OMS process stopped, when an order is placed, then it answers pending_new and the OMS decides it once back', async () => {
    await system.stopSplitService('oms');

    const placed = await marketBuy('2');

    expect(placed.status).toBe(200);
    expect(placed.body.status).toBe('pending_new');
    const orderId = placed.body.id as string;
    system.startSplitService('oms');
    await eventually(async () => {
      const read = await call('GET', `/v2/orders/${orderId}`);
      expect(read.body).toMatchObject({ id: orderId, status: 'filled', filled_qty: '2' });
    }, { timeoutMs: 90_000, intervalMs: 500 });
  }, 120_000);
});
