import fc from 'fast-check';
import { RateLimitLeases, WindowClaim } from './rate-limit-leases';

/** The claim script's arithmetic on one account's window (`CLAIM` in redis-rate-limiter.ts). */
class WindowModel {
  count = 0;

  constructor(
    private readonly limit: number,
    private readonly ttlMs = 60_000,
  ) {}

  claim(want: number): WindowClaim {
    const granted = Math.max(0, Math.min(want, this.limit - this.count));
    this.count += granted;
    return { granted, count: this.count, ttlMs: this.ttlMs };
  }
}

const T0 = 1_780_000_000_000;

/** One request through a gateway's leases, claiming from `window` when they say so. */
function request(leases: RateLimitLeases, window: WindowModel, now: number, claims: { count: number }) {
  const spent = leases.spend('acc-1', now);
  if (spent) return spent;
  claims.count += 1;
  return leases.claimed('acc-1', window.claim(leases.claimSize('acc-1', now)), now, now);
}

describe('RateLimitLeases', () => {
  it('given no lease, when a request comes, then it must claim one unit first', () => {
    const leases = new RateLimitLeases(200, 10);

    expect(leases.spend('acc-1', T0)).toBeUndefined();
    expect(leases.claimSize('acc-1', T0)).toBe(1);
  });

  it('given a busy account, when it keeps claiming in one window, then each claim asks twice as many units, up to the most a lease holds, and leased units need no claim', () => {
    const leases = new RateLimitLeases(1_000, 10);
    const window = new WindowModel(1_000);
    const sizes: number[] = [];
    const claims = { count: 0 };

    for (let n = 0; n < 45; n += 1) {
      if (!leases.spend('acc-1', T0 + n)) {
        sizes.push(leases.claimSize('acc-1', T0 + n));
        claims.count += 1;
        leases.claimed('acc-1', window.claim(sizes.at(-1) ?? 1), T0 + n, T0 + n);
      }
    }

    expect(sizes).toEqual([1, 2, 4, 8, 10, 10, 10]);
    expect(window.count).toBe(45);
  });

  it('given one gateway, when an account sends more than its limit, then exactly the limit passes, remaining counts down to 0, and the rest is refused without a claim until the window ends', () => {
    const leases = new RateLimitLeases(10, 4);
    const window = new WindowModel(10, 30_000);
    const claims = { count: 0 };

    const decisions = Array.from({ length: 14 }, (_, n) => request(leases, window, T0 + n, claims));

    expect(decisions.map((d) => d.allowed)).toEqual([...Array<boolean>(10).fill(true), false, false, false, false]);
    expect(decisions.slice(0, 10).map((d) => d.remaining)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(decisions[10]).toMatchObject({ limit: 10, remaining: 0, resetAt: Math.ceil((T0 + 30_000) / 1000), retryAfterSeconds: 30 });
    // 1 + 2 + 4 + 3 units in four claims; the last one's count says the window is used up
    expect(claims.count).toBe(4);
    expect(window.count).toBe(10);
  });

  it('given a lease, when its window ends (measured from before the claim was sent), then the next request claims again from one unit', () => {
    const leases = new RateLimitLeases(100, 10);
    const window = new WindowModel(100, 1_000);
    const claims = { count: 0 };
    for (let n = 0; n < 5; n += 1) request(leases, window, T0, claims);

    expect(leases.spend('acc-1', T0 + 999)).toMatchObject({ allowed: true });
    expect(leases.spend('acc-1', T0 + 1_000)).toBeUndefined();
    expect(leases.claimSize('acc-1', T0 + 1_000)).toBe(1);
  });

  it('given several gateways sharing a window, whatever the order of their requests, then no more than the limit passes, and at most (gateways - 1) full leases are lost', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 4 }), fc.array(fc.nat(), { minLength: 1, maxLength: 600 }), (limit, gateways, picks) => {
        const maxClaim = Math.max(1, Math.floor(limit * 0.05));
        const fleet = Array.from({ length: gateways }, () => new RateLimitLeases(limit, maxClaim));
        const window = new WindowModel(limit);
        const claims = { count: 0 };

        const allowed = picks.filter((pick, n) => request(fleet[pick % gateways] as RateLimitLeases, window, T0 + n, claims).allowed).length;

        const enough = picks.length >= limit + gateways * maxClaim;
        expect(allowed).toBeLessThanOrEqual(limit);
        expect(allowed).toBeGreaterThanOrEqual(enough ? limit - (gateways - 1) * maxClaim : 0);
        expect(allowed).toBe(gateways === 1 ? Math.min(limit, picks.length) : allowed);
      }),
    );
  });
});
