import { BrokerFill, BrokerOrder } from '@trading/broker-sdk';
import { OrderJournal } from './order-journal';
import { OrderJournalRecord } from './order-journal.records';

const order: BrokerOrder = {
  clientOrderId: 'ord-1',
  accountId: 'acc-1',
  symbol: 'AAPL',
  side: 'buy',
  type: 'limit',
  timeInForce: 'day',
  qty: '10',
  notional: null,
  limitPrice: '100',
  stopPrice: null,
};
const fill = (executionId: string, qty: string, kind: BrokerFill['kind'], at: string): BrokerFill => ({
  kind,
  clientOrderId: 'ord-1',
  brokerOrderId: 'B1',
  at,
  executionId,
  qty,
  price: '100',
  venue: 'V',
});

describe('OrderJournal', () => {
  let journal: OrderJournal;

  beforeEach(() => {
    journal = new OrderJournal();
    journal.recordSubmitted(order, '2024-05-01T13:00:00.000Z');
  });

  it('given a sent order, then it is working with no broker id yet', () => {
    expect(journal.lookup('ord-1')).toMatchObject({ state: 'working', brokerOrderId: '', filledQty: '0' });
    expect(journal.open().map((s) => s.order.clientOrderId)).toEqual(['ord-1']);
  });

  it('given an order never sent, then lookup answers null and reports about it change nothing', () => {
    expect(journal.apply({ ...fill('E0', '1', 'fill', '2024-05-01T13:00:01.000Z'), clientOrderId: 'other' })).toBe(false);
    expect(journal.lookup('other')).toBeNull();
  });

  it('given partial fills then the fill, then filled qty adds up and the order is no longer open', () => {
    journal.apply(fill('E1', '4', 'partial_fill', '2024-05-01T13:00:01.000Z'));
    journal.apply(fill('E2', '6', 'fill', '2024-05-01T13:00:02.000Z'));

    expect(journal.lookup('ord-1')).toMatchObject({ state: 'filled', filledQty: '10', brokerOrderId: 'B1' });
    expect(journal.open()).toEqual([]);
  });

  it('given the same fill twice (a resend), then it counts once', () => {
    expect(journal.apply(fill('E1', '4', 'partial_fill', '2024-05-01T13:00:01.000Z'))).toBe(true);
    expect(journal.apply(fill('E1', '4', 'partial_fill', '2024-05-01T13:00:01.000Z'))).toBe(false);

    expect(journal.lookup('ord-1')).toMatchObject({ filledQty: '4' });
    expect(journal.fillsSince('2024-05-01T00:00:00.000Z')).toHaveLength(1);
  });

  it('given fills at different times, then fillsSince includes the bound and excludes earlier ones', () => {
    journal.apply(fill('E1', '4', 'partial_fill', '2024-05-01T13:00:01.000Z'));
    journal.apply(fill('E2', '6', 'fill', '2024-05-01T13:00:02.000Z'));

    expect(journal.fillsSince('2024-05-01T13:00:02.000Z').map((f) => f.executionId)).toEqual(['E2']);
  });

  it('given a cancel refused, then the order keeps its state', () => {
    journal.apply({ kind: 'cancel_rejected', clientOrderId: 'ord-1', brokerOrderId: null, at: '2024-05-01T13:00:01.000Z', reason: 'no' });

    expect(journal.lookup('ord-1')).toMatchObject({ state: 'working' });
  });

  it('given a replace accepted, then the old order is replaced and the replacement works', () => {
    journal.recordReplaceRequested('ord-1', { ...order, clientOrderId: 'ord-2' });
    journal.apply({ kind: 'replaced', clientOrderId: 'ord-1', brokerOrderId: 'B1', at: '2024-05-01T13:00:01.000Z', replacementClientOrderId: 'ord-2' });

    expect(journal.lookup('ord-1')).toMatchObject({ state: 'replaced' });
    expect(journal.lookup('ord-2')).toMatchObject({ state: 'working' });
  });

  it('given a finished order, then a late report does not reopen it', () => {
    journal.apply({ kind: 'canceled', clientOrderId: 'ord-1', brokerOrderId: null, at: '2024-05-01T13:00:01.000Z', reason: null });
    journal.apply({ kind: 'expired', clientOrderId: 'ord-1', brokerOrderId: null, at: '2024-05-01T13:00:02.000Z' });

    expect(journal.lookup('ord-1')).toMatchObject({ state: 'canceled' });
  });
});

describe('OrderJournal folded from its records', () => {
  const at = '2024-05-01T13:00:00.000Z';
  const rebuilt = (records: readonly OrderJournalRecord[]): OrderJournal => {
    const journal = new OrderJournal();
    for (const record of records) journal.fold(record);
    return journal;
  };

  it('given an order submitted, sent and filled, then a rebuilt journal has its state, fill, request and last peer seq', () => {
    const journal = rebuilt([
      { type: 'submitted', order, at },
      { type: 'request_sent', seqNum: 3, request: { kind: 'submit', clientOrderId: 'ord-1' } },
      { type: 'report', seqNum: 4, report: { kind: 'acknowledged', clientOrderId: 'ord-1', brokerOrderId: 'B1', at, venueStatus: 'new' } },
      { type: 'report', seqNum: 5, report: fill('E1', '10', 'fill', '2024-05-01T13:00:01.000Z') },
    ]);

    expect(journal.lookup('ord-1')).toMatchObject({ state: 'filled', filledQty: '10', brokerOrderId: 'B1' });
    expect(journal.isAnswered('ord-1')).toBe(true);
    expect(journal.fillsSince(at).map((f) => f.executionId)).toEqual(['E1']);
    expect(journal.requestAt(3)).toEqual({ kind: 'submit', clientOrderId: 'ord-1' });
    expect(journal.lastPeerSeqNum()).toBe(5);
  });

  it('given an order submitted without any report, then it is known but unanswered', () => {
    const journal = rebuilt([{ type: 'submitted', order, at }]);

    expect(journal.lookup('ord-1')).toMatchObject({ state: 'working' });
    expect(journal.isAnswered('ord-1')).toBe(false);
    expect(journal.unanswered()).toEqual(['ord-1']);
    expect(journal.lastPeerSeqNum()).toBe(0);
  });

  it('given only a refused cancel, then the order is still unanswered', () => {
    const journal = rebuilt([
      { type: 'submitted', order, at },
      { type: 'report', seqNum: 2, report: { kind: 'cancel_rejected', clientOrderId: 'ord-1', brokerOrderId: null, at, reason: 'no' } },
    ]);

    expect(journal.isAnswered('ord-1')).toBe(false);
  });

  it('given a submit the session refused to send, then the order is forgotten', () => {
    const journal = rebuilt([
      { type: 'submitted', order, at },
      { type: 'request_unsent', request: { kind: 'submit', clientOrderId: 'ord-1' } },
    ]);

    expect(journal.lookup('ord-1')).toBeNull();
  });

  it('given a repeated fill of an unanswered order (a resend), then it counts once and answers the order', () => {
    const journal = rebuilt([
      { type: 'submitted', order, at },
      { type: 'report', seqNum: 5, report: fill('E1', '10', 'fill', at) },
      { type: 'report', seqNum: 5, report: fill('E1', '10', 'fill', at) },
    ]);

    expect(journal.lookup('ord-1')).toMatchObject({ filledQty: '10', state: 'filled' });
  });
});
