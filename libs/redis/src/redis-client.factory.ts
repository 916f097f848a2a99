import Redis from 'ioredis';

/**
 * A connection that fails fast while Redis is down (commands are not queued without bound) and
 * reconnects on its own. Pub/sub needs a connection of its own: call this again for a subscriber.
 */
export function createRedisClient(url: string, connectionName: string): Redis {
  return new Redis(url, {
    connectionName,
    lazyConnect: true,
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}
