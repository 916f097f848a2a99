import { OpenAccountBook, Order } from '@trading/domain';
import { AccountEventEnvelope } from '../events/account-event';
import { AccountStream } from '../testing/account-stream.fixture';
import { toOrder, toOrderRow } from './order-row';
import { LoadedOrder, OrdersProjectionChanges, projectOrders } from './orders.projection';

const ACCOUNT = 'acc-1';
const STREAM = `account-${ACCOUNT}`;

const domainOrder = (stream: AccountStream, orderId: string): Order => {
  const order = (stream.state() as OpenAccountBook).orders.get(orderId);
  if (!order) throw new Error(`no order ${orderId}`);
  return order;
};

/** Projects events onto the rows a previous projection left, as the store does between batches. */
function project(events: readonly AccountEventEnvelope[], before?: OrdersProjectionChanges, lastSeq = 0): OrdersProjectionChanges {
  const orders = new Map<string, LoadedOrder>(
    (before?.orders ?? []).map((row) => [row.orderId, { accountId: row.accountId, order: toOrder(row) }]),
  );
  const seq = before?.streams.find((s) => s.streamId === STREAM)?.lastSeq ?? lastSeq;
  return projectOrders({ events, lastSeqs: new Map([[STREAM, seq]]), orders });
}

describe('orders projection', () => {
  let stream: AccountStream;

  beforeEach(() => {
    stream = new AccountStream(ACCOUNT);
    stream.open();
  });

  describe('given an order placed', () => {
    it('then it has a pending_new row with its spec, and a timeline entry', () => {
      stream.place('o-1', { clientOrderId: 'my-1', qty: '10', limitPrice: '150.00' });

      const changes = project(stream.envelopes);

      expect(changes.orders).toHaveLength(1);
      expect(changes.orders[0]).toMatchObject({
        orderId: 'o-1',
        accountId: ACCOUNT,
        clientOrderId: 'my-1',
        symbol: 'AAPL',
        side: 'buy',
        type: 'limit',
        timeInForce: 'day',
        qty: '10',
        notional: null,
        limitPrice: '150.00',
        status: 'pending_new',
        filledQty: '0',
        filledAvgPrice: null,
        lastSeq: '2',
        filledAt: null,
      });
      expect(changes.timeline.map((entry) => [entry.orderId, entry.type, entry.seq])).toEqual([['o-1', 'OrderPlaced', '2']]);
      expect(changes.streams).toEqual([{ streamId: STREAM, accountId: ACCOUNT, lastSeq: 2 }]);
    });
  });

  describe('given an order acknowledged and filled in two executions', () => {
    beforeEach(() => {
      stream.place('o-1', { qty: '10', limitPrice: '150.00' });
      stream.acknowledge('o-1');
      stream.fill('o-1', 'x-1', '4', '149.50');
      stream.fill('o-1', 'x-2', '6', '149.90', true);
    });

    it('then the row is exactly the order the domain folds, filled at the last update', () => {
      const changes = project(stream.envelopes);

      const expected = domainOrder(stream, 'o-1');
      expect(changes.orders).toEqual([toOrderRow(expected, { accountId: ACCOUNT, streamId: STREAM, seq: 5 })]);
      expect(changes.orders[0]).toMatchObject({ status: 'filled', filledQty: '10', filledAvgPrice: '149.74', filledAt: new Date(expected.updatedAt) });
    });

    it('then each execution is a fill row with its venue and execution time', () => {
      const changes = project(stream.envelopes);

      expect(changes.fills.map(({ executionId, qty, price, venue, seq }) => ({ executionId, qty, price, venue, seq }))).toEqual([
        { executionId: 'x-1', qty: '4', price: '149.50', venue: 'XNAS', seq: '4' },
        { executionId: 'x-2', qty: '6', price: '149.90', venue: 'XNAS', seq: '5' },
      ]);
      expect(changes.fills.every((fill) => fill.executedAt instanceof Date)).toBe(true);
    });

    it('when projected in two batches, then the rows are the same as in one', () => {
      const first = project(stream.envelopes.slice(0, 3));
      const second = project(stream.envelopes.slice(3), first);

      expect(second.orders).toEqual(project(stream.envelopes).orders);
    });

    it('when every event is delivered again, then nothing changes', () => {
      const once = project(stream.envelopes);

      const again = project(stream.envelopes, once);

      expect(again).toMatchObject({ orders: [], fills: [], timeline: [], streams: [], unappliable: [], duplicates: 5 });
    });
  });

  describe('given an order replaced', () => {
    it('then the old row is replaced by the new one, which replaces it, and both timelines show it', () => {
      stream.place('o-1', { qty: '10', limitPrice: '150.00' });
      stream.acknowledge('o-1');
      stream.replace('o-1', 'o-2', { limitPrice: '151.00' });
      stream.report({ kind: 'replaced', orderId: 'o-1', replacementOrderId: 'o-2' });

      const changes = project(stream.envelopes);

      const byId = new Map(changes.orders.map((row) => [row.orderId, row]));
      expect(byId.get('o-1')).toMatchObject({ status: 'replaced', replacedBy: 'o-2', replacedAt: expect.any(Date) as Date });
      expect(byId.get('o-2')).toMatchObject({ status: 'new', replaces: 'o-1', limitPrice: '151.00' });
      expect(changes.timeline.filter((entry) => entry.type === 'OrderReplaced').map((entry) => entry.orderId).sort()).toEqual(['o-1', 'o-2']);
    });
  });

  describe('given a refused order', () => {
    it('then there is no order row, only its timeline entry', () => {
      stream.place('o-1', { qty: '0' });

      const changes = project(stream.envelopes);

      expect(changes.orders).toEqual([]);
      expect(changes.timeline.map((entry) => [entry.orderId, entry.type])).toEqual([['o-1', 'OrderRejected']]);
    });
  });

  describe('given an event evolve cannot apply', () => {
    it('then it is reported with the domain code, its seq is consumed and the batch goes on', () => {
      stream.place('o-1');
      const orphan: AccountEventEnvelope = {
        ...(stream.envelopes[1] as AccountEventEnvelope),
        eventId: '019c0000-0000-7000-8000-000000000001',
        type: 'OrderAcknowledged',
        seq: 3,
        payload: { type: 'OrderAcknowledged', accountId: ACCOUNT, commandId: 'c-x', at: '2026-03-02T15:00:00.000Z', orderId: 'nope', venueStatus: 'new', status: 'new' },
      };
      const later = stream.acknowledge('o-1').map((envelope) => ({ ...envelope, seq: 4 }));

      const changes = project([...stream.envelopes.slice(0, 2), orphan, ...later]);

      expect(changes.unappliable.map(({ envelope, code }) => [envelope.seq, code])).toEqual([[3, 'EVENT.INCONSISTENT']]);
      expect(changes.orders.map((row) => [row.orderId, row.status])).toEqual([['o-1', 'new']]);
      expect(changes.streams).toEqual([{ streamId: STREAM, accountId: ACCOUNT, lastSeq: 4 }]);
    });
  });

  it('maps a row back to the very order it was made from', () => {
    stream.place('o-1', { type: 'market', limitPrice: null, qty: null, notional: '1000.00' });
    const order = domainOrder(stream, 'o-1');

    expect(toOrder(toOrderRow(order, { accountId: ACCOUNT, streamId: STREAM, seq: 2 }))).toEqual(order);
  });
});
