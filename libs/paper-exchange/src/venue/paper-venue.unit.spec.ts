import { BrokerExecutionReport, BrokerFill, BrokerOrder } from '@trading/broker-sdk';
import { Dec } from '@trading/domain';
import { PaperExchangeConfig, resolvePaperExchangeConfig } from '../config/paper-exchange.config';
import { MarketQuote } from './market-quote';
import { PaperVenue } from './paper-venue';

const T0 = '2024-05-01T14:00:00.000Z';
const T1 = '2024-05-01T14:00:01.000Z';
const T2 = '2024-05-01T14:00:02.000Z';

function venue(config: Partial<PaperExchangeConfig> = {}): PaperVenue {
  return new PaperVenue(resolvePaperExchangeConfig({ sessionCloseUtc: null, ...config }));
}

function quote(bid: string, bidSize: number, ask: string, askSize: number, symbol = 'AAPL'): MarketQuote {
  return { symbol, bidPrice: new Dec(bid), bidSize: new Dec(bidSize), askPrice: new Dec(ask), askSize: new Dec(askSize), at: T0 };
}

function order(id: string, terms: Partial<BrokerOrder> = {}): BrokerOrder {
  return {
    clientOrderId: id,
    accountId: 'acc-1',
    symbol: 'AAPL',
    side: 'buy',
    type: 'market',
    timeInForce: 'day',
    qty: '1',
    notional: null,
    limitPrice: null,
    stopPrice: null,
    ...terms,
  };
}

const fills = (reports: readonly BrokerExecutionReport[], id?: string): BrokerFill[] =>
  reports.filter(
    (r): r is BrokerFill => (r.kind === 'fill' || r.kind === 'partial_fill') && (id === undefined || r.clientOrderId === id),
  );
const trades = (reports: readonly BrokerExecutionReport[], id?: string) =>
  fills(reports, id).map((f) => `${f.kind} ${f.qty}@${f.price}`);
const kinds = (reports: readonly BrokerExecutionReport[]) => reports.map((r) => `${r.clientOrderId}:${r.kind}`);

describe('paper venue', () => {
  describe('market orders', () => {
    it('fill at the ask up to the ask size, and the rest fills as new quotes arrive', () => {
      const paper = venue();
      paper.quote(quote('99.98', 5, '100.02', 4), T0);

      const submitted = paper.submit(order('m1', { qty: '10' }), T0);
      expect(kinds(submitted)).toEqual(['m1:acknowledged', 'm1:partial_fill']);
      expect(trades(submitted)).toEqual(['partial_fill 4@100.02']);
      expect(paper.lookup('m1')?.state).toBe('working');

      const next = paper.quote(quote('99.99', 5, '100.03', 10), T1);
      expect(trades(next)).toEqual(['fill 6@100.03']);
      expect(paper.lookup('m1')).toMatchObject({ state: 'filled', filledQty: '10', updatedAt: T1 });
    });

    it('sell at the bid', () => {
      const paper = venue();
      paper.quote(quote('99.98', 5, '100.02', 4), T0);

      expect(trades(paper.submit(order('s1', { side: 'sell', qty: '2' }), T0))).toEqual(['fill 2@99.98']);
    });

    it('are rejected with a reason when the symbol has no quote', () => {
      const paper = venue();

      const reports = paper.submit(order('m1', { symbol: 'ZZZZ' }), T0);

      expect(reports).toEqual([expect.objectContaining({ kind: 'rejected', reason: expect.stringContaining('PAPER.NO_QUOTE') as string })]);
      expect(paper.lookup('m1')?.state).toBe('rejected');
    });

    it('take no more than the configured share of a quote', () => {
      const paper = venue({ maxQuoteParticipation: '0.5' });
      paper.quote(quote('99.98', 5, '100.02', 5), T0);

      expect(trades(paper.submit(order('m1', { qty: '10' }), T0))).toEqual(['partial_fill 2.5@100.02']);
    });

    it('share one quote: the second order gets only what the first left', () => {
      const paper = venue();
      paper.quote(quote('99.98', 5, '100.02', 5), T0);

      paper.submit(order('m1', { qty: '3' }), T0);
      const second = paper.submit(order('m2', { qty: '3' }), T0);

      expect(trades(second)).toEqual(['partial_fill 2@100.02']);
    });
  });

  describe('notional orders', () => {
    it('convert to a quantity at the ask, rounded down to 9 decimals', () => {
      const paper = venue();
      paper.quote(quote('2.99', 100, '3', 100), T0);

      const reports = paper.submit(order('n1', { qty: null, notional: '100' }), T0);

      expect(trades(reports)).toEqual(['fill 33.333333333@3.00']);
    });

    it('are refused for limit orders', () => {
      const paper = venue();
      paper.quote(quote('2.99', 100, '3', 100), T0);

      const reports = paper.submit(order('n1', { type: 'limit', limitPrice: '3', qty: null, notional: '100' }), T0);

      expect(reports[0]).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('notional') as string });
    });
  });

  describe('limit orders', () => {
    it('rest when away from the market and fill when the quote reaches them', () => {
      const paper = venue();
      paper.quote(quote('99.98', 5, '100.02', 5), T0);

      expect(kinds(paper.submit(order('l1', { type: 'limit', limitPrice: '100.00', qty: '2' }), T0))).toEqual(['l1:acknowledged']);
      expect(paper.quote(quote('99.95', 5, '100.01', 5), T1)).toEqual([]);

      expect(trades(paper.quote(quote('99.95', 5, '99.99', 5), T2))).toEqual(['fill 2@99.99']);
    });

    it('match resting orders first, by price then time, at the resting price', () => {
      const paper = venue();
      paper.quote(quote('99.00', 5, '103.00', 5), T0);
      paper.submit(order('sell-101-early', { side: 'sell', type: 'limit', limitPrice: '101', qty: '1' }), T0);
      paper.submit(order('sell-101-late', { side: 'sell', type: 'limit', limitPrice: '101', qty: '1' }), T0);
      paper.submit(order('sell-100', { side: 'sell', type: 'limit', limitPrice: '100', qty: '1' }), T0);

      // when a buy crosses them all and more
      const reports = paper.submit(order('buy', { type: 'limit', limitPrice: '101', qty: '2.5', timeInForce: 'gtc' }), T1);

      expect(fills(reports).map((f) => `${f.clientOrderId} ${f.qty}@${f.price}`)).toEqual([
        'buy 1@100.00',
        'sell-100 1@100.00',
        'buy 1@101.00',
        'sell-101-early 1@101.00',
        'buy 0.5@101.00',
        'sell-101-late 0.5@101.00',
      ]);
      expect(paper.lookup('sell-101-late')).toMatchObject({ state: 'working', filledQty: '0.5' });
      expect(paper.lookup('buy')?.state).toBe('filled');
    });

    it('fill from each quote best first, up to its size, and leave the orders it does not reach working', () => {
      const paper = venue();
      paper.quote(quote('99.00', 5, '101.00', 5), T0);
      for (const [id, price] of [['b-99.90', '99.90'], ['b-100.05', '100.05'], ['b-99.80', '99.80'], ['b-100.02', '100.02']] as const) {
        paper.submit(order(id, { type: 'limit', limitPrice: price, qty: '3', timeInForce: 'gtc' }), T0);
      }

      // when the ask falls to 100.00 with 4 shares, then to 99.85 with 10
      const first = paper.quote(quote('99.00', 5, '100.00', 4), T1);
      const second = paper.quote(quote('99.00', 5, '99.85', 10), T2);

      expect(fills(first).map((f) => `${f.clientOrderId} ${f.qty}@${f.price}`)).toEqual(['b-100.05 3@100.00', 'b-100.02 1@100.00']);
      expect(fills(second).map((f) => `${f.clientOrderId} ${f.qty}@${f.price}`)).toEqual(['b-100.02 2@99.85', 'b-99.90 3@99.85']);
      expect(paper.openOrders().map((o) => `${o.order.clientOrderId} ${o.filledQty}`)).toEqual(['b-99.80 0']);
    });
  });

  describe('time in force', () => {
    it('IOC fills what it can and cancels the rest', () => {
      const paper = venue();
      paper.quote(quote('99.98', 5, '100.02', 3), T0);

      const reports = paper.submit(order('i1', { type: 'limit', limitPrice: '100.02', qty: '5', timeInForce: 'ioc' }), T0);

      expect(kinds(reports)).toEqual(['i1:acknowledged', 'i1:partial_fill', 'i1:canceled']);
      expect(reports[2]).toMatchObject({ reason: expect.stringContaining('PAPER.IOC_REMAINDER') as string });
      expect(paper.openOrders()).toEqual([]);
    });

    it('FOK without enough liquidity fills nothing and is canceled', () => {
      const paper = venue();
      paper.quote(quote('99.98', 5, '100.02', 3), T0);

      const reports = paper.submit(order('f1', { qty: '5', timeInForce: 'fok' }), T0);

      expect(kinds(reports)).toEqual(['f1:acknowledged', 'f1:canceled']);
      expect(paper.lookup('f1')).toMatchObject({ state: 'canceled', filledQty: '0' });
      // the quote's liquidity is untouched
      expect(trades(paper.submit(order('m2', { qty: '3' }), T0))).toEqual(['fill 3@100.02']);
    });

    it('FOK with enough liquidity across the book and the quote fills completely', () => {
      const paper = venue();
      paper.quote(quote('99.00', 5, '100.02', 3), T0);
      paper.submit(order('rest', { side: 'sell', type: 'limit', limitPrice: '100.01', qty: '2' }), T0);

      const reports = paper.submit(order('f1', { qty: '5', timeInForce: 'fok' }), T0);

      expect(trades(reports, 'f1')).toEqual(['partial_fill 2@100.01', 'fill 3@100.02']);
    });

    it('DAY expires at endOfDay while GTC keeps working', () => {
      const paper = venue();
      paper.submit(order('day', { type: 'limit', limitPrice: '90', timeInForce: 'day' }), T0);
      paper.submit(order('gtc', { type: 'limit', limitPrice: '90', timeInForce: 'gtc' }), T0);

      const reports = paper.endOfDay(T1);

      expect(reports).toEqual([expect.objectContaining({ clientOrderId: 'day', kind: 'expired', at: T1 })]);
      expect(paper.openOrders().map((o) => o.order.clientOrderId)).toEqual(['gtc']);
    });

    it('DAY expires at the configured session close, stamped with the close time', () => {
      const paper = venue({ sessionCloseUtc: '20:00' });
      paper.submit(order('day', { type: 'limit', limitPrice: '90', timeInForce: 'day' }), T0);

      // the next thing the venue hears of comes after the close
      const reports = paper.quote(quote('99', 1, '100', 1), '2024-05-01T20:00:05.000Z');

      expect(reports).toEqual([expect.objectContaining({ clientOrderId: 'day', kind: 'expired', at: '2024-05-01T20:00:00.000Z' })]);
    });

    it('DAY orders expire at their own session close, once, and not after a cancel', () => {
      const paper = venue({ sessionCloseUtc: '20:00' });
      paper.submit(order('day-1', { type: 'limit', limitPrice: '90', timeInForce: 'day' }), T0);
      paper.submit(order('canceled', { type: 'limit', limitPrice: '90', timeInForce: 'day' }), T0);
      paper.cancel('canceled', T1);
      paper.submit(order('day-2', { type: 'limit', limitPrice: '90', timeInForce: 'day' }), '2024-05-01T21:00:00.000Z');

      const afterFirstClose = paper.quote(quote('99', 1, '100', 1), '2024-05-01T21:00:01.000Z');
      const beforeSecondClose = paper.quote(quote('99', 1, '100', 1), '2024-05-02T19:59:59.000Z');
      const afterSecondClose = paper.quote(quote('99', 1, '100', 1), '2024-05-02T20:00:00.000Z');

      expect(kinds(afterFirstClose)).toEqual([]);
      expect(kinds(beforeSecondClose)).toEqual([]);
      expect(afterSecondClose).toEqual([expect.objectContaining({ clientOrderId: 'day-2', kind: 'expired', at: '2024-05-02T20:00:00.000Z' })]);
      expect(paper.lookup('day-1')).toMatchObject({ state: 'expired', updatedAt: '2024-05-01T20:00:00.000Z' });
      expect(paper.lookup('canceled')?.state).toBe('canceled');
    });
  });

  describe('stop orders', () => {
    it('a buy stop waits until the ask reaches the stop price, then fills as a market order', () => {
      const paper = venue();
      paper.quote(quote('99.98', 5, '100.02', 5), T0);
      expect(kinds(paper.submit(order('s1', { type: 'stop', stopPrice: '101', qty: '2' }), T0))).toEqual(['s1:acknowledged']);

      expect(paper.quote(quote('100.50', 5, '100.99', 5), T1)).toEqual([]);
      expect(trades(paper.quote(quote('101.00', 5, '101.05', 5), T2))).toEqual(['fill 2@101.05']);
    });

    it('a sell stop-limit triggers on the bid and then rests at its limit', () => {
      const paper = venue();
      paper.quote(quote('100.00', 5, '100.02', 5), T0);
      paper.submit(order('sl', { side: 'sell', type: 'stop_limit', stopPrice: '99', limitPrice: '98.95', qty: '1' }), T0);

      // triggered, but the bid is below its limit: it rests as a limit order
      expect(paper.quote(quote('98.90', 5, '98.94', 5), T1)).toEqual([]);
      expect(trades(paper.quote(quote('98.97', 5, '99.00', 5), T2))).toEqual(['fill 1@98.97']);
    });

    it('a stop triggers on a trade in the book too', () => {
      const paper = venue();
      paper.quote(quote('90', 5, '110', 5), T0);
      // given a buy stop above the ask, and a resting sell at the stop price
      paper.submit(order('stop', { type: 'stop_limit', stopPrice: '111', limitPrice: '112', qty: '1' }), T0);
      paper.submit(order('resting-sell', { side: 'sell', type: 'limit', limitPrice: '111', qty: '2' }), T0);
      expect(paper.lookup('stop')?.filledQty).toBe('0');

      // a buy prints at 111 against the resting sell: the stop triggers and takes the rest
      const reports = paper.submit(order('buyer', { type: 'limit', limitPrice: '111', qty: '1' }), T1);

      expect(trades(reports, 'stop')).toEqual(['fill 1@111.00']);
      expect(paper.lookup('resting-sell')?.state).toBe('filled');
    });

    it('refuses IOC and FOK', () => {
      const paper = venue();

      const reports = paper.submit(order('s1', { type: 'stop', stopPrice: '101', timeInForce: 'ioc' }), T0);

      expect(reports[0]).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('ioc and fok') as string });
    });
  });

  describe('cancel and replace', () => {
    it('cancels a working order', () => {
      const paper = venue();
      paper.submit(order('l1', { type: 'limit', limitPrice: '90' }), T0);

      expect(kinds(paper.cancel('l1', T1))).toEqual(['l1:canceled']);
      expect(paper.lookup('l1')?.state).toBe('canceled');
      expect(paper.quote(quote('80', 5, '85', 5), T2)).toEqual([]);
    });

    it('refuses to cancel a filled or unknown order', () => {
      const paper = venue();
      paper.quote(quote('99.98', 5, '100.02', 5), T0);
      paper.submit(order('m1'), T0);

      expect(paper.cancel('m1', T1)).toEqual([
        expect.objectContaining({ kind: 'cancel_rejected', reason: expect.stringContaining('PAPER.NOT_WORKING') as string }),
      ]);
      expect(paper.lookup('m1')?.state).toBe('filled');
      expect(paper.cancel('nope', T1)).toEqual([
        expect.objectContaining({ kind: 'cancel_rejected', brokerOrderId: null, reason: expect.stringContaining('PAPER.UNKNOWN_ORDER') as string }),
      ]);
    });

    it('replaces a working order: replaced on the old id, the new one works in its place', () => {
      const paper = venue();
      paper.quote(quote('99.98', 5, '100.02', 5), T0);
      paper.submit(order('old', { type: 'limit', limitPrice: '90', qty: '3' }), T0);

      const reports = paper.replace('old', order('new', { type: 'limit', limitPrice: '100.02', qty: '2' }), T1);

      expect(kinds(reports)).toEqual(['old:replaced', 'new:acknowledged', 'new:fill']);
      expect(reports[0]).toMatchObject({ replacementClientOrderId: 'new' });
      expect(paper.lookup('old')?.state).toBe('replaced');
      expect(paper.lookup('new')?.state).toBe('filled');
    });

    it('refuses a replacement it cannot work and leaves the old order as it was', () => {
      const paper = venue();
      paper.submit(order('old', { type: 'limit', limitPrice: '90' }), T0);

      const reports = paper.replace('old', order('new', { type: 'limit', limitPrice: null }), T1);

      expect(kinds(reports)).toEqual(['old:cancel_rejected']);
      expect(paper.lookup('old')?.state).toBe('working');
      expect(paper.lookup('new')).toBeNull();
    });
  });

  describe('determinism', () => {
    const pattern = (seed: number, rejectRate: number): string[] => {
      const paper = venue({ seed, rejectRate });
      paper.quote(quote('99.98', 1000, '100.02', 1000), T0);
      return Array.from({ length: 40 }, (_, i) => paper.submit(order(`o${i}`), T0)[0]?.kind ?? 'none');
    };

    it('rejects the same orders for the same seed, and others for another seed', () => {
      const first = pattern(7, 0.3);

      expect(pattern(7, 0.3)).toEqual(first);
      expect(pattern(8, 0.3)).not.toEqual(first);
      expect(first).toContain('rejected');
      expect(first).toContain('acknowledged');
    });

    it('never rejects at rate 0 and always rejects at rate 1', () => {
      expect(new Set(pattern(7, 0))).toEqual(new Set(['acknowledged']));
      expect(new Set(pattern(7, 1))).toEqual(new Set(['rejected']));
    });

    it('gives the same broker and execution ids on replay, each execution id once', () => {
      const run = (): BrokerExecutionReport[] => {
        const paper = venue();
        paper.quote(quote('99.98', 5, '100.02', 2), T0);
        const reports = paper.submit(order('m1', { qty: '5' }), T0);
        return [...reports, ...paper.quote(quote('99.98', 5, '100.02', 2), T1), ...paper.quote(quote('99.98', 5, '100.02', 2), T2)];
      };

      const first = run();
      const ids = fills(first).map((f) => f.executionId);

      expect(run()).toEqual(first);
      expect(new Set(ids).size).toBe(3);
      expect(fills(first).every((f) => f.venue === 'PAPER' && f.brokerOrderId === 'PAPER-O00000001')).toBe(true);
    });

    it('ignores a resubmitted client order id', () => {
      const paper = venue();
      paper.submit(order('l1', { type: 'limit', limitPrice: '90' }), T0);

      expect(paper.submit(order('l1', { type: 'limit', limitPrice: '95' }), T1)).toEqual([]);
      expect(paper.lookup('l1')?.order.limitPrice).toBe('90');
    });
  });
});
