import { BrokerFill, BrokerOrder } from '@trading/broker-sdk';
import { OrderJournal } from './order-journal';

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
