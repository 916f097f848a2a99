import { RateLimitDecision } from './rate-limit-decision';

/** What Redis answered a claim: units taken from the account's window, its count after that, its remaining time. */
export interface WindowClaim {
  readonly granted: number;
  readonly count: number;
  readonly ttlMs: number;
}

interface Lease {
  /** Units claimed from the window and not spent yet. */
  units: number;
  /** The window's count (every gateway's claims) as of the last claim. */
  count: number;
  /** No later than the window's end in Redis: measured from before the claim was sent. */
  readonly endsAt: number;
  /** Units the next claim asks for: doubles with each claim in a window, up to the most a lease may hold. */
  nextClaim: number;
}

/**
 * The units of their windows this gateway has claimed in Redis, per account. A request spends a
 * claimed unit without a round trip; when none is left, the gateway claims more, twice as many as
 * the last time in the window, up to `maxClaim`. An account that sends one request per window
 * claims one unit at a time, as if every request were counted in Redis.
 *
 * The window's count in Redis never passes the limit, whatever the number of gateways. Units one
 * gateway claimed and did not spend are lost to the others until the window ends: with N
 * gateways, an account can be refused up to (N - 1) x `maxClaim` requests early.
 */
export class RateLimitLeases {
  private readonly leases = new Map<string, Lease>();

  constructor(
    private readonly limit: number,
    private readonly maxClaim: number,
    /** Past this many accounts, leases whose window ended are dropped. */
    private readonly maxAccounts = 10_000,
  ) {}

  /** The decision from what is claimed already, or undefined: claim `claimSize` units first. */
  spend(accountId: string, now: number): RateLimitDecision | undefined {
    const lease = this.live(accountId, now);
    if (!lease) return undefined;
    if (lease.units > 0) {
      lease.units -= 1;
      return this.decision(true, lease, now);
    }
    // the window is used up: no claim can be granted before it ends
    if (lease.count >= this.limit) return this.decision(false, lease, now);
    return undefined;
  }

  claimSize(accountId: string, now: number): number {
    return Math.min(this.maxClaim, this.live(accountId, now)?.nextClaim ?? 1);
  }

  /** Adds what a claim sent at `sentAt` was granted, and spends one unit of it if there is one. */
  claimed(accountId: string, claim: WindowClaim, sentAt: number, now: number): RateLimitDecision {
    let lease = this.live(accountId, now);
    if (!lease) {
      if (this.leases.size >= this.maxAccounts) this.dropEnded(now);
      lease = { units: 0, count: 0, endsAt: sentAt + claim.ttlMs, nextClaim: 1 };
      this.leases.set(accountId, lease);
    }
    lease.units += claim.granted;
    lease.count = Math.max(lease.count, claim.count);
    lease.nextClaim = Math.min(this.maxClaim, lease.nextClaim * 2);
    if (lease.units === 0) return this.decision(false, lease, now);
    lease.units -= 1;
    return this.decision(true, lease, now);
  }

  private live(accountId: string, now: number): Lease | undefined {
    const lease = this.leases.get(accountId);
    if (lease && now < lease.endsAt) return lease;
    if (lease) this.leases.delete(accountId);
    return undefined;
  }

  private dropEnded(now: number): void {
    for (const [accountId, lease] of this.leases) if (now >= lease.endsAt) this.leases.delete(accountId);
  }

  private decision(allowed: boolean, lease: Lease, now: number): RateLimitDecision {
    return {
      allowed,
      limit: this.limit,
      remaining: Math.max(0, this.limit - lease.count + lease.units),
      resetAt: Math.ceil(lease.endsAt / 1000),
      retryAfterSeconds: Math.max(1, Math.ceil((lease.endsAt - now) / 1000)),
    };
  }
}
