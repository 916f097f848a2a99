import { eventually } from '@trading/testing';
import { TradeStream } from '../support/trade-stream';
import { TestAccount, TradingSystem } from '../support/trading-system';

describe('live order status over SSE (GET /v2/events/trades)', () => {
  const system = new TradingSystem({ MARKET_DATA_INTERVAL_MS: '200', TRADE_UPDATES_HEARTBEAT_MS: '300' });
  let trader: TestAccount;
  let bystander: TestAccount;
  const streams: TradeStream[] = [];

  beforeAll(async () => {
    await system.start();
    [trader, bystander] = await Promise.all([system.createAccount('100000'), system.createAccount('100000')]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(streams.map((s) => s.close()));
    await system.stop();
  }, 60_000);

  const open = async (account: TestAccount, lastEventId?: string) => {
    const stream = await TradeStream.open(system.baseUrl, account.headers, lastEventId);
    streams.push(stream);
    return stream;
  };
  const buy = async (qty: string) => {
    const response = await fetch(`${system.baseUrl}/v2/orders`, {
      method: 'POST',
      headers: trader.headers,
      body: JSON.stringify({ symbol: 'AAPL', qty, side: 'buy', type: 'market', time_in_force: 'day' }),
    });
    expect({ status: response.status, qty }).toEqual({ status: 200, qty });
    return ((await response.json()) as { id: string }).id;
  };
  const ofOrder = (stream: TradeStream, orderId: string) => stream.events.filter((e) => e.data.order.id === orderId);

  it('refuses a request without valid keys', async () => {
    const response = await fetch(`${system.baseUrl}/v2/events/trades`);

    expect(response.status).toBe(401);
  });

  it('given a connected trader, a market order gives pending_new, new, then fills up to fill with the order status; another account sees nothing; heartbeats arrive', async () => {
    const mine = await open(trader);
    const theirs = await open(bystander);

    const orderId = await buy('3');

    await eventually(() => expect(ofOrder(mine, orderId).map((e) => e.event)).toContain('fill'), { timeoutMs: 30_000 });
    const updates = ofOrder(mine, orderId);
    const names = updates.map((e) => e.event);
    expect(names.slice(0, 2)).toEqual(['pending_new', 'new']);
    expect(names.slice(2).every((name) => name === 'partial_fill' || name === 'fill')).toBe(true);
    expect(updates.map((e) => e.data.order.status)).toEqual(
      names.map((name) => ({ pending_new: 'pending_new', new: 'new', partial_fill: 'partially_filled', fill: 'filled' })[name]),
    );
    const fill = updates[updates.length - 1];
    expect(fill?.data).toMatchObject({ event: 'fill', order: { filled_qty: '3' } });
    const ids = updates.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    await eventually(() => expect(theirs.text.match(/: heartbeat/g)?.length ?? 0).toBeGreaterThanOrEqual(2));
    expect(theirs.events).toEqual([]);
  });

  it('after a forced disconnect, reconnecting with Last-Event-ID gives exactly the missed updates, in order, then live ones', async () => {
    // a witness connection stays up the whole time: the reference of what the trader should see
    const witness = await open(trader);
    const first = await open(trader);
    const before = await buy('4');
    await eventually(() => expect(ofOrder(first, before).map((e) => e.event)).toContain('fill'), { timeoutMs: 30_000 });
    await first.close();
    const lastSeen = first.lastId as string;

    const missed = await buy('5');
    await eventually(() => expect(ofOrder(witness, missed).map((e) => e.event)).toContain('fill'), { timeoutMs: 30_000 });
    const resumed = await open(trader, lastSeen);
    const after = await buy('6');
    await eventually(() => expect(ofOrder(witness, after).map((e) => e.event)).toContain('fill'), { timeoutMs: 30_000 });
    await eventually(() => expect(resumed.lastId).toBe(witness.lastId), { timeoutMs: 30_000 });

    const seen = [...first.events, ...resumed.events].map((e) => e.id);
    const firstOfWitness = witness.events[0]?.id;
    expect(seen.slice(seen.indexOf(firstOfWitness))).toEqual(witness.events.map((e) => e.id));
    expect(ofOrder(resumed, missed).map((e) => e.event).slice(0, 2)).toEqual(['pending_new', 'new']);
  });
});
