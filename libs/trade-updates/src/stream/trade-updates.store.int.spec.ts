import { createRedisClient } from '@trading/redis';
import { testConfig, uniqueName } from '@trading/testing';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { APPEND_UPDATES_SCRIPT } from './append-updates.script';
import { TradeUpdatesKeys } from './trade-updates.keys';
import { TradeUpdatesStore } from './trade-updates.store';

describe('TradeUpdatesStore (real Redis)', () => {
  let redis: Redis;

  beforeAll(() => {
    redis = createRedisClient(testConfig().REDIS_URL, uniqueName('it-tu-store'));
  });

  afterAll(() => redis.quit());

  it('given a Redis that lost its script cache (a restart), when updates are appended, then each is applied once and the script is cached again', async () => {
    const keys = new TradeUpdatesKeys(`${uniqueName('it')}.`);
    const store = new TradeUpdatesStore(redis, keys, 100);
    await redis.script('FLUSH');

    const first = await store.append('acc-1', 1, [], [{ position: { seq: 1, index: 0 }, event: 'new', data: '{"n":1}' }]);
    const again = await store.append('acc-1', 1, [], [{ position: { seq: 1, index: 0 }, event: 'new', data: '{"n":1}' }]);
    const next = await store.append('acc-1', 2, [], [{ position: { seq: 2, index: 0 }, event: 'fill', data: '{"n":2}' }]);

    expect([first, again, next]).toEqual([true, false, true]);
    expect((await store.readAfter('acc-1', { seq: 0, index: 0 }, 10)).entries.map((entry) => entry.data)).toEqual(['{"n":1}', '{"n":2}']);
    expect(await redis.script('EXISTS', createHash('sha1').update(APPEND_UPDATES_SCRIPT).digest('hex'))).toEqual([1]);
  });

  it('given a Redis that lost its script cache, when several appends go in one round trip, then each is applied once, in order', async () => {
    const keys = new TradeUpdatesKeys(`${uniqueName('it')}.`);
    const store = new TradeUpdatesStore(redis, keys, 100);
    const entry = (seq: number) => [{ position: { seq, index: 0 }, event: 'new' as const, data: `{"n":${seq}}` }];
    await redis.script('FLUSH');

    const applied = await store.appendAll([
      { accountId: 'acc-1', seq: 1, changed: [], entries: entry(1) },
      { accountId: 'acc-2', seq: 1, changed: [], entries: entry(1) },
      { accountId: 'acc-1', seq: 1, changed: [], entries: entry(1) },
      { accountId: 'acc-1', seq: 2, changed: [], entries: entry(2) },
    ]);

    expect(applied).toEqual([true, true, false, true]);
    expect((await store.readAfter('acc-1', { seq: 0, index: 0 }, 10)).entries.map((e) => e.data)).toEqual(['{"n":1}', '{"n":2}']);
    expect((await store.readAfter('acc-2', { seq: 0, index: 0 }, 10)).entries.map((e) => e.data)).toEqual(['{"n":1}']);
  });
});
