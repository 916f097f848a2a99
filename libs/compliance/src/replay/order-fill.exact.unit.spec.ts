import {
  accountBookDecider, acknowledge, applyFill, createOrder, dec, DEFAULT_RISK_LIMITS, formatMoney, OpenAccountBook, openOrderTotals, Order, OrderFilled,
  OrderPartiallyFilled, OrderSpec, PersistentRecord, VenueStatus,
} from '@trading/domain';
import { applyFillToPosition, Position } from '@trading/read-models';
import fc from 'fast-check';
import { acknowledgedOrder, filledOrder, hasOrderFieldsOnly, settledFill } from './order-fill.exact';
import { positionAfterFill } from './position-fill.exact';
import { OutsideExactRange } from './scaled-decimal';

const T0 = '2026-03-02T14:30:00.000Z';
const T1 = '2026-03-02T14:30:01.000Z';

/** Plain non-negative decimals of up to `digits` digits and `decimals` places. */
const amount = (digits: number, decimals: number, min = 0n): fc.Arbitrary<string> =>
  fc.tuple(fc.bigInt({ min, max: 10n ** BigInt(digits) - 1n }), fc.integer({ min: 0, max: decimals })).map(([units, places]) => {
    const text = units.toString().padStart(places + 1, '0');
    return places === 0 ? text : `${text.slice(0, text.length - places)}.${text.slice(text.length - places)}`;
  });
const quantity = fc.oneof(amount(3, 0, 1n), amount(6, 4, 1n), amount(12, 9, 1n));
const price = fc.oneof(amount(5, 2, 1n), amount(8, 4, 1n));
const money = fc.oneof(amount(9, 2), amount(15, 4));

/** An order as the domain creates it, then moved along by fills and flags, in any open or closed status. */
const order: fc.Arbitrary<Order> = fc
  .record({
    side: fc.constantFrom('buy' as const, 'sell' as const),
    byNotional: fc.boolean(),
    qty: quantity,
    notional: money,
    reservePrice: fc.option(price),
    reservedCash: money,
    filledQty: fc.oneof(fc.constant('0'), quantity),
    filledNotional: fc.oneof(fc.constant('0.00'), money),
    status: fc.constantFrom('pending_new' as const, 'accepted' as const, 'new' as const, 'partially_filled' as const, 'pending_cancel' as const, 'filled' as const, 'canceled' as const),
    venueStatus: fc.constantFrom(null, 'accepted' as const, 'new' as const),
    cancelPending: fc.boolean(),
    replacedBy: fc.option(fc.constant('o-2')),
  })
  .map((drawn) => {
    const spec: OrderSpec = {
      symbol: 'AAPL', side: drawn.side, type: 'limit', timeInForce: 'day', qty: drawn.byNotional ? null : drawn.qty,
      notional: drawn.byNotional ? drawn.notional : null, limitPrice: '150.00', stopPrice: null,
    };
    const risk = {
      limitSetVersion: 1, referencePrice: null, tradingState: 'ACTIVE' as const, estimatedNotional: drawn.notional, exposureQty: drawn.qty,
      reservePrice: drawn.reservePrice, reservedCash: drawn.reservedCash,
    };
    const created = createOrder({ orderId: 'o-1', clientOrderId: 'c-1', spec, risk, replaces: null, at: T0 });
    return {
      ...created, status: drawn.status, venueStatus: drawn.venueStatus, cancelPending: drawn.cancelPending, replacedBy: drawn.replacedBy,
      filledQty: drawn.filledQty, filledNotional: drawn.filledNotional, executionIds: ['x-0'],
    };
  });

/** The result, or `outside` where the scaled decimals refuse (the caller then takes the domain's path). */
function exactly<T>(compute: () => T): T | 'outside' {
  try {
    return compute();
  } catch (error) {
    if (error instanceof OutsideExactRange) return 'outside';
    throw error;
  }
}

describe('the exact fills replay folds with compute what the domain and the positions read model compute', () => {
  it('given any order and fill, then the filled order is applyFill\'s, fields in the same order, or both refuse', () => {
    let computed = 0;
    fc.assert(
      fc.property(order, quantity, price, fc.boolean(), (current, qty, fillPrice, final) => {
        const fill = { executionId: 'x-1', qty, price: fillPrice };
        const fast = exactly(() => filledOrder(current, fill, final, T1));
        if (fast === 'outside') return;
        computed += 1;
        const domain = applyFill(current, fill, final, T1);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(domain.ok ? domain.value : null));
      }),
      { numRuns: 3_000 },
    );
    expect(computed).toBeGreaterThan(2_000);
  });

  it('given any order, then acknowledging it is the state machine\'s acknowledge, or both refuse', () => {
    fc.assert(
      fc.property(order, fc.constantFrom<VenueStatus>('accepted', 'new'), (current, venueStatus) => {
        const fast = acknowledgedOrder(current, venueStatus, T1);
        const domain = acknowledge(current, venueStatus, T1);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(domain.ok ? domain.value : null));
      }),
      { numRuns: 1_000 },
    );
  });

  it('given any cash, position and fill, then the settlement is the cash and position the domain\'s evolve settles', () => {
    let computed = 0;
    fc.assert(
      fc.property(order, money, fc.option(fc.oneof(quantity, quantity.map((qty) => `-${qty}`))), quantity, price, fc.boolean(), (current, cash, held, qty, fillPrice, final) => {
        const fill = { executionId: 'x-1', qty, price: fillPrice };
        const applied = applyFill(current, fill, final, T1);
        const fast = exactly(() => settledFill(cash, held ?? undefined, current, fill));
        if (!applied.ok || fast === 'outside') return;
        computed += 1;
        const book: OpenAccountBook = {
          status: 'open', accountId: 'a', cash, tradingState: 'ACTIVE', limits: DEFAULT_RISK_LIMITS, limitSetVersion: 1, orders: PersistentRecord.fromRecord({ 'o-1': current }),
          openTotals: openOrderTotals([current]), clientOrderIds: PersistentRecord.empty(), positions: held === null ? {} : { AAPL: held }, recentOrders: [], recentCommandIds: [],
        };
        const event: OrderFilled | OrderPartiallyFilled = {
          type: final ? 'OrderFilled' : 'OrderPartiallyFilled', accountId: 'a', commandId: 'c', at: T1, orderId: 'o-1', symbol: 'AAPL', side: current.side,
          executionId: 'x-1', qty, price: fillPrice, venue: null, executedAt: null, filledQty: '0', filledAvgPrice: '0', status: applied.value.status,
          cash: '0', positionQty: '0',
        };
        const next = accountBookDecider.evolve(book, event) as OpenAccountBook;
        expect({ cash: next.cash, positions: next.positions }).toEqual({ cash: fast.cash, positions: fast.positionQty === '0' ? {} : { AAPL: fast.positionQty } });
      }),
      { numRuns: 2_000 },
    );
    expect(computed).toBeGreaterThan(500);
  });

  it('given any position and fill, then the position after it is applyFillToPosition\'s, fields in the same order', () => {
    const position: fc.Arbitrary<Position> = fc
      .tuple(fc.oneof(fc.constant('0'), quantity, quantity.map((qty) => `-${qty}`)), price, money)
      .map(([qty, avg, pnl]) => ({ qty, avgEntryPrice: avg, costBasis: formatMoney(dec(qty).abs().times(avg)), realizedPnl: pnl }));
    let computed = 0;
    fc.assert(
      fc.property(position, fc.constantFrom('buy' as const, 'sell' as const), quantity, price, (held, side, qty, fillPrice) => {
        const fill = { side, qty, price: fillPrice };
        const fast = exactly(() => positionAfterFill(held, fill));
        if (fast === 'outside') return;
        computed += 1;
        expect(JSON.stringify(fast)).toBe(JSON.stringify(applyFillToPosition(held, fill)));
      }),
      { numRuns: 3_000 },
    );
    expect(computed).toBeGreaterThan(1_500);
  });

  it('takes only orders with exactly the fields createOrder writes, in its order', () => {
    const created = createOrder({
      orderId: 'o-1', clientOrderId: 'c-1', spec: { symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'day', qty: '1', notional: null, limitPrice: '1.00', stopPrice: null },
      risk: { limitSetVersion: 1, referencePrice: null, tradingState: 'ACTIVE', estimatedNotional: '1.00', exposureQty: '1', reservePrice: '1.00', reservedCash: '1.00' },
      replaces: null, at: T0,
    });
    const { symbol, ...rest } = created;

    expect(hasOrderFieldsOnly(created)).toBe(true);
    expect(hasOrderFieldsOnly({ ...rest, symbol })).toBe(false);
    expect(hasOrderFieldsOnly({ ...created, extra: 1 } as Order)).toBe(false);
  });
});
