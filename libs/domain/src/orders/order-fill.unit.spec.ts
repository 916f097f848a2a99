import { orderSpec } from '../testing/account-book.fixtures';
import { Order, createOrder } from './order';
import { applyFill } from './order-fill';

const T = '2024-05-01T14:00:00.000Z';

function buy(spec = orderSpec(), reservePrice: string | null = '150.00', reservedCash = '1500.00'): Order {
  return createOrder({
    orderId: 'o-1',
    clientOrderId: 'o-1',
    spec,
    risk: { limitSetVersion: 1, referencePrice: null, tradingState: 'ACTIVE', estimatedNotional: reservedCash, exposureQty: spec.qty ?? '0', reservePrice, reservedCash },
    replaces: null,
    at: T,
  });
}

function filled(order: Order, ...fills: [string, string, string][]): Order {
  return fills.reduce((current, [executionId, qty, price]) => {
    const result = applyFill(current, { executionId, qty, price }, false, T);
    if (!result.ok) throw new Error(result.refusals[0].message);
    return result.value;
  }, order);
}

describe('applying fills', () => {
  it('averages exactly: 0.1 @ 100.10 + 0.2 @ 100.20 is 100.166666667 (half-even at 9 decimals)', () => {
    const order = filled(buy(orderSpec({ qty: '0.3', limitPrice: '100.20' }), '100.20', '30.06'), ['e1', '0.1', '100.10'], ['e2', '0.2', '100.20']);
    expect(order).toMatchObject({ status: 'filled', filledQty: '0.3', filledNotional: '30.05', filledAvgPrice: '100.166666667' });
  });

  it('keeps an exact average when it terminates: 1 @ 10.01 + 3 @ 10.03 is 10.025', () => {
    const order = filled(buy(orderSpec({ qty: '4', limitPrice: '11.00' }), '11.00', '44.00'), ['e1', '1', '10.01'], ['e2', '3', '10.03']);
    expect(order.filledAvgPrice).toBe('10.025');
  });

  it('a partial fill leaves the order partially filled and holds cash only for what is left', () => {
    const order = filled(buy(), ['e1', '4', '149.50']);
    expect(order).toMatchObject({ status: 'partially_filled', filledQty: '4', reservedCash: '900.00', executionIds: ['e1'] });
  });

  it('a fill of the whole quantity fills the order and releases its cash, whatever the report was called', () => {
    expect(filled(buy(), ['e1', '10', '150.00'])).toMatchObject({ status: 'filled', reservedCash: '0.00' });
  });

  it('a fill past the quantity is refused as an overfill', () => {
    const result = applyFill(filled(buy(), ['e1', '6', '150']), { executionId: 'e2', qty: '5', price: '150' }, true, T);
    expect(result).toMatchObject({ ok: false, refusals: [{ code: 'EXECUTION.OVERFILL' }] });
  });

  it('a filled order accepts no more fills', () => {
    const result = applyFill(filled(buy(), ['e1', '10', '150']), { executionId: 'e2', qty: '1', price: '150' }, false, T);
    expect(result).toMatchObject({ ok: false, refusals: [{ code: 'ORDER.INVALID_TRANSITION' }] });
  });

  it('a fill during a pending cancel keeps the order pending cancel', () => {
    const pendingCancel = { ...buy(), status: 'pending_cancel' as const, cancelPending: true, venueStatus: 'new' as const };
    expect(filled(pendingCancel, ['e1', '3', '150'])).toMatchObject({ status: 'pending_cancel', filledQty: '3' });
  });

  describe('a notional buy (quantity unknown up front)', () => {
    const notional = () => buy(orderSpec({ type: 'market', qty: null, notional: '1000.00', limitPrice: null }), null, '1000.00');

    it('holds what is left of its notional after a partial fill', () => {
      expect(filled(notional(), ['e1', '2.5', '150.10'])).toMatchObject({ status: 'partially_filled', reservedCash: '624.75' });
    });

    it('is filled when the broker says fill', () => {
      const result = applyFill(notional(), { executionId: 'e1', qty: '6.66', price: '150.15' }, true, T);
      expect(result).toMatchObject({ ok: true, value: { status: 'filled', filledQty: '6.66', reservedCash: '0.00' } });
    });
  });

  it('a market buy filled above its reserve price holds no negative cash', () => {
    const order = filled(buy(orderSpec({ type: 'market', limitPrice: null }), '165.00', '1650.00'), ['e1', '9', '200.00']);
    expect(order.reservedCash).toBe('165.00');
  });
});
