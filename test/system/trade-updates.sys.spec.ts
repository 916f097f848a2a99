import { eventually } from '@trading/testing';
import { TestAccount, TradingSystem } from '../support/trading-system';

interface TradeUpdateEvent {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: { event: string; order: { id: string; status: string; filled_qty: string }; price?: string; qty?: string };
}

/** A trader's `GET /v2/events/trades` connection, read as an SSE client would. */
class TradeStream {
  text = '';
  status = 0;
  private readonly abort = new AbortController();
  private reading: Promise<void> = Promise.resolve();

  static async open(baseUrl: string, headers: Readonly<Record<string, string>>, lastEventId?: string): Promise<TradeStream> {
    const stream = new TradeStream();
    const response = await fetch(`${baseUrl}/v2/events/trades`, {
      headers: { ...headers, accept: 'text/event-stream', ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) },
      signal: stream.abort.signal,
    });
    stream.status = response.status;
    const body = response.body;
    if (!body) return stream;
    stream.reading = (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of body) stream.text += decoder.decode(chunk as Uint8Array, { stream: true });
      } catch {
        // aborted: the test hung up
      }
    })();
    // the server's first comment says the subscription is in place
    await eventually(() => {
      if (!stream.text.includes(': connected')) throw new Error(`not connected yet (HTTP ${stream.status})`);
    });
    return stream;
  }

  get events(): TradeUpdateEvent[] {
    return this.text
      .split('\n\n')
      .map((block) => block.split('\n').filter((line) => line !== '' && !line.startsWith(':')))
      .filter((lines) => lines.some((line) => line.startsWith('data: ')))
      .map((lines) => {
        const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
        return { id: field('id'), event: field('event') ?? 'message', data: JSON.parse(field('data') ?? 'null') as TradeUpdateEvent['data'] };
      });
  }

  get lastId(): string | undefined {
    return this.events[this.events.length - 1]?.id;
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.reading;
  }
}

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
