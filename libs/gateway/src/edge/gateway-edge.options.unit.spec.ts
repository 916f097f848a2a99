import { resolveGatewayEdgeOptions } from './gateway-edge.options';

describe('gateway edge options', () => {
  it('defaults to Alpaca-like limits: 200 requests a minute, responses kept a day', () => {
    const options = resolveGatewayEdgeOptions();

    expect(options.rateLimit).toEqual({ limit: 200, windowMs: 60_000, failOpen: true, redisTimeoutMs: 250, leaseFraction: 0.05 });
    expect(options.idempotency.ttlMs).toBe(86_400_000);
    expect(options.idempotency.methods).toEqual(['POST', 'PATCH', 'DELETE']);
    expect(Object.isFrozen(options.rateLimit)).toBe(true);
    expect(options.admission).toEqual({ maxOrderRequestsInProgress: 256 });
  });

  it('overrides only what it is given', () => {
    const options = resolveGatewayEdgeOptions({ redisKeyPrefix: 'it:', rateLimit: { limit: 5 }, idempotency: { methods: ['post'] } });

    expect(options.redisKeyPrefix).toBe('it:');
    expect(options.rateLimit).toMatchObject({ limit: 5, windowMs: 60_000 });
    expect(options.idempotency.methods).toEqual(['POST']);
  });

  it.each([
    [{ rateLimit: { limit: 0 } }, /rateLimit.limit/],
    [{ rateLimit: { windowMs: 1.5 } }, /rateLimit.windowMs/],
    [{ rateLimit: { leaseFraction: 1.5 } }, /rateLimit.leaseFraction/],
    [{ rateLimit: { leaseFraction: Number.NaN } }, /rateLimit.leaseFraction/],
    [{ idempotency: { ttlMs: -1 } }, /idempotency.ttlMs/],
    [{ apiKeys: { cache: { ttlMs: Number.NaN } } }, /apiKeys.cache.ttlMs/],
    [{ admission: { maxOrderRequestsInProgress: -1 } }, /admission.maxOrderRequestsInProgress/],
    [{ admission: { maxOrderRequestsInProgress: 2.5 } }, /admission.maxOrderRequestsInProgress/],
  ])('refuses %p', (options, message) => {
    expect(() => resolveGatewayEdgeOptions(options)).toThrow(message);
  });
});
