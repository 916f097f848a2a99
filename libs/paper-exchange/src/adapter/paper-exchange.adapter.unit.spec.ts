import { BrokerExecutionReport, BrokerOrder, BrokerUnavailableError } from '@trading/broker-sdk';
import type { Quote } from '@trading/market-data';
import { resolvePaperExchangeConfig } from '../config/paper-exchange.config';
import { ManualScheduler } from './manual.scheduler';
import { FILLS_RETENTION_MS, PaperExchangeAdapter, REDELIVERY_WINDOW } from './paper-exchange.adapter';

const NOW = new Date('2024-05-01T14:00:00.000Z');

function quote(askSize: number, quotedAt: string): Quote {
  return { symbol: 'AAPL', bidPrice: '99.98', bidSize: 5, askPrice: '100.02', askSize, source: 'test', quotedAt };
}

function order(id: string, terms: Partial<BrokerOrder> = {}): BrokerOrder {
  return {
    clientOrderId: id,
    accountId: 'acc-1',
    symbol: 'AAPL',
    side: 'buy',
    type: 'market',
    timeInForce: 'gtc',
    qty: '1',
    notional: null,
    limitPrice: null,
    stopPrice: null,
    ...terms,
  };
}

async function connectedAdapter(latencyMs = 10) {
  const scheduler = new ManualScheduler();
  const market = { current: undefined as Quote | undefined };
  const clock = { now: () => NOW };
  const adapter = new PaperExchangeAdapter({
    config: resolvePaperExchangeConfig({ latencyMs, quotePollMs: 100, sessionCloseUtc: null }),
    quotes: { latest: (symbol) => (symbol === 'AAPL' ? market.current : undefined) },
    clock,
    scheduler,
  });
  const reports: BrokerExecutionReport[] = [];
  adapter.onReport((report) => reports.push(report));
  await adapter.connect();
  const kinds = () => reports.map((r) => `${r.clientOrderId}:${r.kind}`);
  return { adapter, scheduler, market, reports, kinds, clock };
}

describe('paper exchange adapter', () => {
  it('delivers reports only after the configured latency', async () => {
    const { adapter, scheduler, market, kinds } = await connectedAdapter(10);
    market.current = quote(5, '2024-05-01T13:59:59.000Z');

    await adapter.submit(order('m1'));
    scheduler.advance(9);
    expect(kinds()).toEqual([]);

    scheduler.advance(1);
    expect(kinds()).toEqual(['m1:acknowledged', 'm1:fill']);
  });

  it('rejects a market order for a symbol without a quote, naming why', async () => {
    const { adapter, scheduler, reports } = await connectedAdapter();

    await adapter.submit(order('m1', { symbol: 'NOQUOTE' }));
    scheduler.advance(10);

    expect(reports).toEqual([expect.objectContaining({ kind: 'rejected', reason: expect.stringContaining('no ask quoted for NOQUOTE') as string })]);
  });

  it('fills resting orders from polled quotes, one quote at a time', async () => {
    const { adapter, scheduler, market, kinds } = await connectedAdapter(0);
    market.current = quote(2, '2024-05-01T13:59:59.000Z');
    await adapter.submit(order('m1', { qty: '5' }));

    // the same quote again adds no liquidity
    scheduler.advance(100);
    expect(kinds()).toEqual(['m1:acknowledged', 'm1:partial_fill']);

    market.current = quote(2, '2024-05-01T14:00:00.000Z');
    scheduler.advance(100);
    market.current = quote(2, '2024-05-01T14:00:01.000Z');
    scheduler.advance(100);

    expect(kinds()).toEqual(['m1:acknowledged', 'm1:partial_fill', 'm1:partial_fill', 'm1:fill']);
  });

  it('applies pushed quotes', async () => {
    const { adapter, scheduler, kinds } = await connectedAdapter(0);
    await adapter.submit(order('l1', { type: 'limit', limitPrice: '100.02' }));

    adapter.onQuote(quote(5, '2024-05-01T14:00:00.000Z'));
    scheduler.advance(0);

    expect(kinds()).toEqual(['l1:acknowledged', 'l1:fill']);
  });

  it('refuses requests while disconnected and holds reports decided meanwhile until it reconnects', async () => {
    const { adapter, scheduler, kinds } = await connectedAdapter(10);
    await adapter.submit(order('l1', { type: 'limit', limitPrice: '100.02' }));
    scheduler.advance(10);

    await adapter.disconnect();
    await expect(adapter.submit(order('l2'))).rejects.toBeInstanceOf(BrokerUnavailableError);
    await expect(adapter.lookup('l1')).rejects.toMatchObject({ code: 'BROKER.UNAVAILABLE' });
    adapter.onQuote(quote(5, '2024-05-01T14:00:00.000Z'));
    scheduler.advance(50);
    expect(kinds()).toEqual(['l1:acknowledged']);

    await adapter.connect();
    scheduler.advance(10);
    expect(kinds()).toEqual(['l1:acknowledged', 'l1:fill']);
    expect(await adapter.lookup('l2')).toBeNull();
  });

  it('keeps report order when the session drops with reports in flight', async () => {
    const { adapter, scheduler, market, kinds } = await connectedAdapter(10);
    market.current = quote(5, '2024-05-01T13:59:59.000Z');
    await adapter.submit(order('first'));
    await adapter.disconnect();
    adapter.onQuote(quote(5, '2024-05-01T14:00:00.000Z'));
    await adapter.connect();
    await adapter.submit(order('second'));

    scheduler.advance(10);

    expect(kinds()).toEqual(['first:acknowledged', 'first:fill', 'second:acknowledged', 'second:fill']);
  });

  it('redelivers what it delivered, with the same execution ids, and lists fills since a time', async () => {
    const { adapter, scheduler, market, reports } = await connectedAdapter(0);
    market.current = quote(5, '2024-05-01T13:59:59.000Z');
    await adapter.submit(order('m1'));
    scheduler.advance(0);
    const first = [...reports];

    adapter.redeliver();
    scheduler.advance(0);

    expect(reports).toEqual([...first, ...first]);
    expect(await adapter.fills('2024-05-01T14:00:00.000Z')).toEqual(first.filter((r) => r.kind === 'fill'));
    expect(await adapter.fills('2024-05-01T14:00:00.001Z')).toEqual([]);
  });

  it('redelivers only the latest reports, however many it delivered', async () => {
    const { adapter, scheduler, market, reports } = await connectedAdapter(0);
    market.current = quote(1_000_000, '2024-05-01T13:59:59.000Z');
    // 2 reports per order (acknowledged, fill): past twice the window, so the oldest are forgotten
    const orders = REDELIVERY_WINDOW + 5;
    for (let index = 0; index < orders; index += 1) await adapter.submit(order(`m${index}`));
    scheduler.advance(0);
    const delivered = [...reports];

    adapter.redeliver();
    scheduler.advance(0);

    expect(delivered).toHaveLength(2 * orders);
    expect(reports.slice(delivered.length)).toEqual(delivered.slice(-REDELIVERY_WINDOW));
  });

  it('lists fills of the last day, and forgets older ones', async () => {
    const { adapter, scheduler, market, clock } = await connectedAdapter(0);
    market.current = quote(1_000_000, '2024-05-01T13:59:59.000Z');
    await adapter.submit(order('yesterday'));
    const later = new Date(NOW.getTime() + FILLS_RETENTION_MS + 1);
    clock.now = () => later;
    market.current = quote(1_000_000, later.toISOString());
    await adapter.submit(order('today'));
    scheduler.advance(0);

    const fills = await adapter.fills('2024-01-01T00:00:00.000Z');

    expect(fills.map((fill) => fill.clientOrderId)).toEqual(['today']);
  });
});
