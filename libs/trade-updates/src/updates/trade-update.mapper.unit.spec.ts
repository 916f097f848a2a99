import { Order, OrderFilled } from '@trading/domain';
import { AccountStream } from '../testing/account-stream.fixture';
import { foldOrderEvent } from './account-orders.fold';
import { AccountEventEnvelope, orderIdsOf } from './order-events';
import { TradeUpdate } from './trade-update';

/** Folds envelopes as the notifier does, keeping orders between events as Redis would. */
function updatesOf(envelopes: readonly AccountEventEnvelope[], orders = new Map<string, Order>()): TradeUpdate[] {
  return envelopes.flatMap((envelope) => {
    const named = new Map(orderIdsOf(envelope.payload).flatMap((id) => (orders.has(id) ? [[id, orders.get(id) as Order] as const] : [])));
    const folded = foldOrderEvent(envelope.accountId, named, envelope.payload);
    for (const order of folded.changed) orders.set(order.orderId, order);
    return folded.updates;
  });
}

const summary = (updates: readonly TradeUpdate[]) => updates.map((u) => `${u.event}:${u.order.id}:${u.order.status}`);

describe('trade updates of account-book events', () => {
  let stream: AccountStream;
  let orders: Map<string, Order>;
  const after = (envelopes: AccountEventEnvelope[]) => updatesOf(envelopes, orders);

  beforeEach(() => {
    stream = new AccountStream('acc-1');
    orders = new Map();
    after(stream.open());
  });

  it('given a placed order, OrderPlaced is pending_new with the Alpaca order', () => {
    const placed = stream.place('o-1', { clientOrderId: 'c-1' });
    const [update] = after(placed);

    expect(update).toMatchObject({
      event: 'pending_new',
      order: { id: 'o-1', client_order_id: 'c-1', symbol: 'AAPL', qty: '10', status: 'pending_new', filled_qty: '0' },
      timestamp: placed[0]?.payload.at,
    });
    expect(update).not.toHaveProperty('execution_id');
  });

  it('when the broker acknowledges, the event is the venue status: new or accepted', () => {
    after(stream.place('o-1'));
    after(stream.place('o-2'));

    expect(summary(after(stream.acknowledge('o-1')))).toEqual(['new:o-1:new']);
    expect(summary(after(stream.report({ kind: 'acknowledged', orderId: 'o-2', venueStatus: 'accepted' })))).toEqual(['accepted:o-2:accepted']);
  });

  it('when fills arrive, partial_fill then fill carry the execution, price, qty, position and execution time', () => {
    after([...stream.place('o-1'), ...stream.acknowledge('o-1')]);

    const [partial] = after(stream.fill('o-1', 'x-1', '4', '149.50'));
    const fillEvents = stream.fill('o-1', 'x-2', '6', '150.00', true);
    const [full] = after(fillEvents);

    expect(partial).toMatchObject({ event: 'partial_fill', execution_id: 'x-1', price: '149.50', qty: '4', position_qty: '4' });
    expect(partial?.order).toMatchObject({ status: 'partially_filled', filled_qty: '4', filled_avg_price: '149.50' });
    expect(full).toMatchObject({ event: 'fill', execution_id: 'x-2', qty: '6', position_qty: '10' });
    expect(full?.order).toMatchObject({ status: 'filled', filled_qty: '10', filled_at: full?.order.updated_at });
    expect(full?.timestamp).toBe((fillEvents[0]?.payload as OrderFilled).executedAt);
  });

  it('when a cancel is requested and done, pending_cancel then canceled', () => {
    after([...stream.place('o-1'), ...stream.acknowledge('o-1')]);

    expect(summary(after(stream.cancel('o-1')))).toEqual(['pending_cancel:o-1:pending_cancel']);
    expect(summary(after(stream.report({ kind: 'canceled', orderId: 'o-1', reason: null })))).toEqual(['canceled:o-1:canceled']);
  });

  it('when the broker refuses the cancel, order_cancel_rejected with the order working again', () => {
    after([...stream.place('o-1'), ...stream.acknowledge('o-1'), ...stream.cancel('o-1')]);

    expect(summary(after(stream.report({ kind: 'cancel_rejected', orderId: 'o-1', reason: 'too late' })))).toEqual([
      'order_cancel_rejected:o-1:new',
    ]);
  });

  it('expired and broker-rejected orders say so', () => {
    after([...stream.place('o-1'), ...stream.acknowledge('o-1'), ...stream.place('o-2')]);

    expect(summary(after(stream.report({ kind: 'expired', orderId: 'o-1' })))).toEqual(['expired:o-1:expired']);
    expect(summary(after(stream.report({ kind: 'rejected', orderId: 'o-2', reason: 'halted' })))).toEqual(['rejected:o-2:rejected']);
  });

  it('a replace is pending_replace, then replaced for the old order and new for its replacement', () => {
    after([...stream.place('o-1'), ...stream.acknowledge('o-1')]);

    expect(summary(after(stream.replace('o-1', 'o-2', { limitPrice: '151.00' })))).toEqual(['pending_replace:o-1:pending_replace']);
    const updates = after(stream.report({ kind: 'replaced', orderId: 'o-1', replacementOrderId: 'o-2' }));

    expect(summary(updates)).toEqual(['replaced:o-1:replaced', 'new:o-2:new']);
    expect(updates[0]?.order.replaced_by).toBe('o-2');
    expect(updates[1]?.order).toMatchObject({ replaces: 'o-1', limit_price: '151.00' });
  });

  it('a replacement the broker rejects gives order_replace_rejected for the order that keeps working', () => {
    after([...stream.place('o-1'), ...stream.acknowledge('o-1'), ...stream.replace('o-1', 'o-2', { limitPrice: '151.00' })]);

    const updates = after(stream.report({ kind: 'rejected', orderId: 'o-2', reason: 'no' }));

    expect(summary(updates)).toContain('order_replace_rejected:o-1:new');
  });

  it('an order refused by risk is rejected, shown as it was requested', () => {
    const updates = after(stream.place('o-big', { qty: '100000000' }));

    expect(summary(updates)).toEqual(['rejected:o-big:rejected']);
    expect(updates[0]?.order).toMatchObject({ symbol: 'AAPL', qty: '100000000', filled_qty: '0', failed_at: updates[0]?.timestamp });
  });

  it('events that change no order give no update', () => {
    after([...stream.place('o-1'), ...stream.acknowledge('o-1')]);
    after(stream.report({ kind: 'canceled', orderId: 'o-1', reason: null }));

    expect(after(stream.cancel('o-1'))).toEqual([]);
  });
});
