import { DEFAULT_SCRYPT_PARAMS, ScryptParams } from './api-keys/secret-hash';
import { VerificationCacheOptions } from './api-keys/verification-cache';

export const GATEWAY_EDGE_OPTIONS = Symbol('GATEWAY_EDGE_OPTIONS');
export const API_KEYS_OPTIONS = Symbol('API_KEYS_OPTIONS');

export interface ApiKeysOptions {
  readonly cache: VerificationCacheOptions;
  readonly scrypt: ScryptParams;
}

export interface RateLimitOptions {
  /** Requests one account may make per window (Alpaca: 200 a minute). */
  readonly limit: number;
  readonly windowMs: number;
  /** Let requests through when Redis does not answer in time (see the README of the edge). */
  readonly failOpen: boolean;
  readonly redisTimeoutMs: number;
  /**
   * The most of an account's window one gateway claims at once, as a fraction of the limit
   * (default 0.05; at least one request). Requests spend claimed units without a Redis round trip;
   * with N gateways an account may be refused up to (N - 1) claims early. 0: every request is
   * counted in Redis.
   */
  readonly leaseFraction: number;
}

export interface IdempotencyOptions {
  /** How long a response is kept for replay. */
  readonly ttlMs: number;
  /** How long a request in flight holds its key; a crashed gateway frees it after this. */
  readonly lockTtlMs: number;
  readonly maxKeyLength: number;
  readonly methods: readonly string[];
  readonly redisTimeoutMs: number;
}

export interface AdmissionOptions {
  /**
   * Order requests (POST, PATCH) this process answers at once; one more is refused with 503 and
   * `Retry-After` before any work. 0: no limit. Cancels and reads are never refused.
   */
  readonly maxOrderRequestsInProgress: number;
}

/** The settings of the REST edge, frozen once resolved. */
export interface GatewayEdgeOptions {
  /** Prepended to every Redis key the edge writes (rate windows, idempotency records). */
  readonly redisKeyPrefix: string;
  readonly rateLimit: RateLimitOptions;
  readonly idempotency: IdempotencyOptions;
  readonly apiKeys: ApiKeysOptions;
  readonly admission: AdmissionOptions;
}

export interface GatewayEdgeModuleOptions {
  readonly redisKeyPrefix?: string;
  readonly rateLimit?: Partial<RateLimitOptions>;
  readonly idempotency?: Partial<IdempotencyOptions>;
  readonly apiKeys?: ApiKeysModuleOptions;
  readonly admission?: Partial<AdmissionOptions>;
}

export interface ApiKeysModuleOptions {
  readonly cache?: Partial<VerificationCacheOptions>;
  readonly scrypt?: ScryptParams;
}

export const DEFAULT_GATEWAY_EDGE_OPTIONS: GatewayEdgeOptions = deepFreeze({
  redisKeyPrefix: 'gateway:',
  rateLimit: { limit: 200, windowMs: 60_000, failOpen: true, redisTimeoutMs: 250, leaseFraction: 0.05 },
  idempotency: {
    ttlMs: 24 * 60 * 60 * 1000,
    lockTtlMs: 60_000,
    maxKeyLength: 255,
    methods: ['POST', 'PATCH', 'DELETE'],
    redisTimeoutMs: 1_000,
  },
  apiKeys: { cache: { ttlMs: 30_000, maxEntries: 10_000 }, scrypt: DEFAULT_SCRYPT_PARAMS },
  admission: { maxOrderRequestsInProgress: 256 },
});

export function resolveApiKeysOptions(options: ApiKeysModuleOptions = {}): ApiKeysOptions {
  const defaults = DEFAULT_GATEWAY_EDGE_OPTIONS.apiKeys;
  const resolved = {
    cache: { ...defaults.cache, ...options.cache },
    scrypt: options.scrypt ?? defaults.scrypt,
  };
  nonNegativeInteger('apiKeys.cache.ttlMs', resolved.cache.ttlMs);
  nonNegativeInteger('apiKeys.cache.maxEntries', resolved.cache.maxEntries);
  return deepFreeze(resolved);
}

export function resolveGatewayEdgeOptions(options: GatewayEdgeModuleOptions = {}): GatewayEdgeOptions {
  const defaults = DEFAULT_GATEWAY_EDGE_OPTIONS;
  const resolved: GatewayEdgeOptions = {
    redisKeyPrefix: options.redisKeyPrefix ?? defaults.redisKeyPrefix,
    rateLimit: { ...defaults.rateLimit, ...options.rateLimit },
    idempotency: { ...defaults.idempotency, ...options.idempotency },
    apiKeys: resolveApiKeysOptions(options.apiKeys),
    admission: { ...defaults.admission, ...options.admission },
  };
  positiveInteger('rateLimit.limit', resolved.rateLimit.limit);
  positiveInteger('rateLimit.windowMs', resolved.rateLimit.windowMs);
  positiveInteger('rateLimit.redisTimeoutMs', resolved.rateLimit.redisTimeoutMs);
  fraction('rateLimit.leaseFraction', resolved.rateLimit.leaseFraction);
  positiveInteger('idempotency.ttlMs', resolved.idempotency.ttlMs);
  positiveInteger('idempotency.lockTtlMs', resolved.idempotency.lockTtlMs);
  positiveInteger('idempotency.maxKeyLength', resolved.idempotency.maxKeyLength);
  positiveInteger('idempotency.redisTimeoutMs', resolved.idempotency.redisTimeoutMs);
  nonNegativeInteger('admission.maxOrderRequestsInProgress', resolved.admission.maxOrderRequestsInProgress);
  return deepFreeze({
    ...resolved,
    idempotency: { ...resolved.idempotency, methods: resolved.idempotency.methods.map((m) => m.toUpperCase()) },
  });
}

function positiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`gateway edge option ${name} must be a positive integer, got ${value}`);
}

function fraction(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new Error(`gateway edge option ${name} must be a number from 0 to 1, got ${value}`);
}

function nonNegativeInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`gateway edge option ${name} must be a non-negative integer, got ${value}`);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
