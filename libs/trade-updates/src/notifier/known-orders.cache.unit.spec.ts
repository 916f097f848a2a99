import { Order } from '@trading/domain';
import { KnownOrdersCache } from './known-orders.cache';

const order = (orderId: string, status: Order['status'] = 'new'): Order => ({ orderId, status } as Order);

describe('KnownOrdersCache', () => {
  it('given orders read from Redis, when the same are looked up, then they are known, absent ones included', () => {
    const cache = new KnownOrdersCache();

    cache.loaded('a', ['o-1', 'o-2'], { lastSeq: 4, orders: new Map([['o-1', order('o-1')]]) });

    expect(cache.lookup('a', ['o-1', 'o-2'])).toEqual({ lastSeq: 4, orders: new Map([['o-1', order('o-1')]]) });
    expect(cache.lookup('a', ['o-3'])).toBeUndefined();
    expect(cache.lookup('b', [])).toBeUndefined();
  });

  it('given a known account, when an event creates an order, then the new order is known absent without a read', () => {
    const cache = new KnownOrdersCache();
    cache.loaded('a', ['o-1'], { lastSeq: 4, orders: new Map([['o-1', order('o-1')]]) });

    expect(cache.lookup('a', ['o-1', 'o-2'], ['o-2'])).toEqual({ lastSeq: 4, orders: new Map([['o-1', order('o-1')]]) });
    expect(cache.lookup('a', ['o-2', 'o-3'], ['o-2'])).toBeUndefined();
  });

  it('given an account not known, when an event creates an order, then it is read from Redis', () => {
    const cache = new KnownOrdersCache();

    expect(cache.lookup('a', ['o-2'], ['o-2'])).toBeUndefined();
  });

  it('given an applied append, when looked up, then the seq and the changed orders are the new ones', () => {
    const cache = new KnownOrdersCache();
    cache.loaded('a', ['o-1'], { lastSeq: 4, orders: new Map() });

    cache.applied('a', 5, [order('o-1', 'filled')]);

    expect(cache.lookup('a', ['o-1'])).toEqual({ lastSeq: 5, orders: new Map([['o-1', order('o-1', 'filled')]]) });
  });

  it('given a read that says another seq than the one known, then what was known of the account is dropped', () => {
    const cache = new KnownOrdersCache();
    cache.loaded('a', ['o-1'], { lastSeq: 4, orders: new Map([['o-1', order('o-1')]]) });

    cache.loaded('a', ['o-2'], { lastSeq: 9, orders: new Map() });

    expect(cache.lookup('a', ['o-1'])).toBeUndefined();
    expect(cache.lookup('a', ['o-2'])).toEqual({ lastSeq: 9, orders: new Map() });
  });

  it('given more orders than its bound, then it starts over', () => {
    const cache = new KnownOrdersCache(3);
    cache.loaded('a', ['o-1', 'o-2'], { lastSeq: 1, orders: new Map() });

    cache.loaded('b', ['o-3', 'o-4'], { lastSeq: 1, orders: new Map() });

    expect(cache.lookup('a', ['o-1'])).toBeUndefined();
  });
});
