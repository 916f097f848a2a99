import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '@trading/redis';
import Redis from 'ioredis';
import { createHash, randomUUID } from 'node:crypto';
import { GATEWAY_EDGE_OPTIONS, GatewayEdgeOptions } from '../gateway-edge.options';
import { RedisScript, withTimeout } from '../redis/redis-script';

/** The answer to a request, kept for replay. */
export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
}

type IdempotencyRecord =
  | { readonly state: 'in_flight'; readonly owner: string; readonly fingerprint: string }
  | { readonly state: 'done'; readonly fingerprint: string; readonly response: StoredResponse };

export type BeginOutcome =
  | { readonly kind: 'acquired'; readonly owner: string }
  | { readonly kind: 'in_flight'; readonly fingerprint: string }
  | { readonly kind: 'done'; readonly fingerprint: string; readonly response: StoredResponse };

/** Claims the key if free, else returns what holds it, in one step. */
const BEGIN = new RedisScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
return redis.call('GET', KEYS[1])
`);

/** Writes the outcome unless another request claimed the key after ours expired. */
const COMPLETE = new RedisScript(`
local current = redis.call('GET', KEYS[1])
if current and cjson.decode(current).owner ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`);

const RELEASE = new RedisScript(`
local current = redis.call('GET', KEYS[1])
if current and cjson.decode(current).owner == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
return 0
`);

/** Idempotency records in Redis, per account and key: first an in-flight claim, then the answer. */
@Injectable()
export class IdempotencyStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(GATEWAY_EDGE_OPTIONS) private readonly options: GatewayEdgeOptions,
  ) {}

  async begin(accountId: string, key: string, fingerprint: string): Promise<BeginOutcome> {
    const owner = randomUUID();
    const claim: IdempotencyRecord = { state: 'in_flight', owner, fingerprint };
    const reply = await this.run(BEGIN, accountId, key, [JSON.stringify(claim), this.options.idempotency.lockTtlMs]);
    if (reply === null) return { kind: 'acquired', owner };
    if (typeof reply !== 'string') throw new Error(`unexpected reply from the idempotency script: ${typeof reply}`);
    const record = JSON.parse(reply) as IdempotencyRecord;
    return record.state === 'in_flight'
      ? { kind: 'in_flight', fingerprint: record.fingerprint }
      : { kind: 'done', fingerprint: record.fingerprint, response: record.response };
  }

  async complete(accountId: string, key: string, owner: string, fingerprint: string, response: StoredResponse): Promise<void> {
    const record: IdempotencyRecord = { state: 'done', fingerprint, response };
    await this.run(COMPLETE, accountId, key, [owner, JSON.stringify(record), this.options.idempotency.ttlMs]);
  }

  /** Frees the key so a retry runs again (after a failure whose outcome is not worth replaying). */
  async release(accountId: string, key: string, owner: string): Promise<void> {
    await this.run(RELEASE, accountId, key, [owner]);
  }

  private run(script: RedisScript, accountId: string, key: string, args: (string | number)[]): Promise<unknown> {
    // Hashed: the client's key can be anything printable; the record key stays short and safe.
    const digest = createHash('sha256').update(key).digest('hex');
    const redisKey = `${this.options.redisKeyPrefix}idem:${accountId}:${digest}`;
    return withTimeout(script.run(this.redis, [redisKey], args), this.options.idempotency.redisTimeoutMs, 'Redis (idempotency)');
  }
}
