import { BrokerOrder } from '@trading/broker-sdk';
import fc from 'fast-check';
import { Dec } from '@trading/domain';
import { OrderBook } from './order-book';
import { VenueOrder } from './venue-order';

let seq = 0;
function resting(side: 'buy' | 'sell', type: BrokerOrder['type'], price: string | null, stop: string | null = null): VenueOrder {
  seq += 1;
  const order: BrokerOrder = {
    clientOrderId: `o-${seq}`,
    accountId: 'acc',
    symbol: 'AAPL',
    side,
    type,
    timeInForce: 'gtc',
    qty: '1',
    notional: null,
    limitPrice: price,
    stopPrice: stop,
  };
  return {
    order,
    brokerOrderId: `B-${seq}`,
    seq,
    qty: new Dec(1),
    limitPrice: price === null ? null : new Dec(price),
    stopPrice: stop === null ? null : new Dec(stop),
    expiresAt: null,
    filledQty: new Dec(0),
    state: 'working',
    triggered: false,
    updatedAt: '2024-05-01T14:00:00.000Z',
  };
}

const ids = (orders: readonly VenueOrder[]) => orders.map((o) => o.order.clientOrderId);

describe('order book', () => {
  it('ranks sells by lowest price, then by time', () => {
    const book = new OrderBook();
    const late101 = resting('sell', 'limit', '101');
    const early101 = resting('sell', 'limit', '101');
    const at100 = resting('sell', 'limit', '100.5');
    // given two sells at 101 (in arrival order) and a better one at 100.5
    book.rest(early101);
    book.rest(late101);
    book.rest(at100);

    // then the best price comes first, equal prices keep their arrival order
    expect(ids(book.side('sell'))).toEqual(ids([at100, early101, late101]));
  });

  it('ranks buys by highest price, with resting market orders ahead of every limit', () => {
    const book = new OrderBook();
    const low = resting('buy', 'limit', '99');
    const high = resting('buy', 'limit', '99.5');
    const market = resting('buy', 'market', null);
    book.rest(low);
    book.rest(high);
    book.rest(market);

    expect(ids(book.side('buy'))).toEqual(ids([market, high, low]));
    expect(book.side('sell')).toEqual([]);
  });

  it('keeps any sequence of arrivals in price-time priority, market orders first', () => {
    const arrival = fc.record({ side: fc.constantFrom('buy' as const, 'sell' as const), price: fc.option(fc.integer({ min: 9_990, max: 10_010 }), { nil: null }) });
    fc.assert(
      fc.property(fc.array(arrival, { maxLength: 60 }), (arrivals) => {
        const book = new OrderBook();
        const orders = arrivals.map(({ side, price }) => resting(side, price === null ? 'market' : 'limit', price === null ? null : (price / 100).toFixed(2)));
        orders.forEach((order) => book.rest(order));

        for (const side of ['buy', 'sell'] as const) {
          const rank = (order: VenueOrder): number => (order.limitPrice === null ? -Infinity : side === 'buy' ? -order.limitPrice.toNumber() : order.limitPrice.toNumber());
          // Array.prototype.sort is stable: equal ranks stay in arrival order
          const expected = orders.filter((order) => order.order.side === side).sort((a, b) => Math.sign(rank(a) - rank(b)) || 0);
          expect(ids(book.bestFirst(side))).toEqual(ids(expected));
        }
      }),
    );
  });

  it('keeps untriggered stops apart from the priced sides until they trigger', () => {
    const book = new OrderBook();
    const stop = resting('buy', 'stop', null, '105');
    book.rest(stop);

    expect(book.side('buy')).toEqual([]);
    expect(ids(book.pendingStops())).toEqual(ids([stop]));

    book.remove(stop);
    expect(book.isEmpty()).toBe(true);
  });

  it('hands out copies, so removing while iterating skips nothing', () => {
    const book = new OrderBook();
    const first = resting('sell', 'limit', '100');
    const second = resting('sell', 'limit', '101');
    book.rest(first);
    book.rest(second);

    const seen: string[] = [];
    for (const order of book.side('sell')) {
      seen.push(order.order.clientOrderId);
      book.remove(order);
    }

    expect(seen).toEqual(ids([first, second]));
    expect(book.isEmpty()).toBe(true);
  });
});
