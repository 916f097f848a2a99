import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '@trading/redis';
import Redis from 'ioredis';
import { GATEWAY_EDGE_OPTIONS, GatewayEdgeOptions } from '../gateway-edge.options';
import { RedisScript, withTimeout } from '../redis/redis-script';

export interface RateLimitDecision {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Unix time, in seconds, when the window ends and the quota is whole again. */
  readonly resetAt: number;
  readonly retryAfterSeconds: number;
}

/**
 * A fixed window per account, opened by the account's first request: count and expiry change in
 * one script, so concurrent gateways never lose an increment or leave a counter without a TTL.
 * The window's remaining time comes from Redis (PTTL), so gateway clocks need not agree.
 */
const CONSUME = new RedisScript(`
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`);

@Injectable()
export class RedisRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(GATEWAY_EDGE_OPTIONS) private readonly options: GatewayEdgeOptions,
  ) {}

  /** Counts one request of the account; rejects when Redis does not answer in time. */
  async consume(accountId: string): Promise<RateLimitDecision> {
    const { limit, windowMs, redisTimeoutMs } = this.options.rateLimit;
    const key = `${this.options.redisKeyPrefix}rl:${accountId}`;
    const reply = await withTimeout(CONSUME.run(this.redis, [key], [windowMs]), redisTimeoutMs, 'Redis (rate limit)');
    const [count, ttlMs] = reply as [number, number];
    return {
      allowed: count <= limit,
      limit,
      remaining: Math.max(0, limit - count),
      resetAt: Math.ceil((Date.now() + ttlMs) / 1000),
      retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
    };
  }
}
