import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '@trading/redis';
import Redis from 'ioredis';
import { GATEWAY_EDGE_OPTIONS, GatewayEdgeOptions } from '../gateway-edge.options';
import { RedisScript, withTimeout } from '../redis/redis-script';
import { RateLimitDecision } from './rate-limit-decision';
import { RateLimitLeases, WindowClaim } from './rate-limit-leases';

/**
 * A fixed window per account, opened by the account's first claim: at most ARGV[3] units are
 * taken, never past the limit (ARGV[2]), and the count and its expiry change in one script, so
 * concurrent gateways never lose a unit or leave a counter without a TTL. The window's remaining
 * time comes from Redis (PTTL), so gateway clocks need not agree.
 */
const CLAIM = new RedisScript(`
local limit = tonumber(ARGV[2])
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
local granted = math.max(0, math.min(tonumber(ARGV[3]), limit - count))
if granted > 0 then count = redis.call('INCRBY', KEYS[1], granted) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
if ttl < 0 then ttl = tonumber(ARGV[1]) end
return {granted, count, ttl}
`);

/** The per-account quota: units of each window are claimed in Redis and spent here (`RateLimitLeases`). */
@Injectable()
export class RedisRateLimiter {
  private readonly leases: RateLimitLeases;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(GATEWAY_EDGE_OPTIONS) private readonly options: GatewayEdgeOptions,
  ) {
    const { limit, leaseFraction } = options.rateLimit;
    this.leases = new RateLimitLeases(limit, Math.max(1, Math.floor(limit * leaseFraction)));
  }

  /** Counts one request of the account; rejects when Redis does not answer in time. */
  async consume(accountId: string): Promise<RateLimitDecision> {
    const spent = this.leases.spend(accountId, Date.now());
    if (spent) return spent;
    const { limit, windowMs, redisTimeoutMs } = this.options.rateLimit;
    const key = `${this.options.redisKeyPrefix}rl:${accountId}`;
    const sentAt = Date.now();
    const want = this.leases.claimSize(accountId, sentAt);
    const reply = await withTimeout(CLAIM.run(this.redis, [key], [windowMs, limit, want]), redisTimeoutMs, 'Redis (rate limit)');
    const [granted, count, ttlMs] = reply as [number, number, number];
    const claim: WindowClaim = { granted, count, ttlMs };
    return this.leases.claimed(accountId, claim, sentAt, Date.now());
  }
}
