import { eventually, testConfig, uniqueName } from '@trading/testing';
import Redis from 'ioredis';
import { createRedisClient } from './redis-client.factory';

describe('Redis pub/sub (real server)', () => {
  const config = testConfig();
  let publisher: Redis;
  let subscriber: Redis;

  beforeAll(async () => {
    publisher = createRedisClient(config.REDIS_URL, 'it-publisher');
    subscriber = createRedisClient(config.REDIS_URL, 'it-subscriber');
    await Promise.all([publisher.connect(), subscriber.connect()]);
  });

  afterAll(async () => {
    await Promise.all([publisher.quit(), subscriber.quit()]);
  });

  it('delivers what is published on a channel to its subscriber, in order, and nothing from other channels', async () => {
    const channel = uniqueName('it:trade-updates');
    const received: string[] = [];
    subscriber.on('message', (from: string, message: string) => {
      if (from === channel) received.push(message);
      else received.push(`stray:${from}`);
    });
    await subscriber.subscribe(channel);

    await publisher.publish(`${channel}:other`, 'not for us');
    for (const n of [1, 2, 3]) await publisher.publish(channel, `event-${n}`);

    await eventually(() => expect(received).toEqual(['event-1', 'event-2', 'event-3']));
  });

  it('answers commands on the shared connection', async () => {
    const key = uniqueName('it:key');
    await publisher.set(key, '42', 'EX', 60);

    expect(await publisher.get(key)).toBe('42');
    await publisher.del(key);
  });
});
