/**
 * A token bucket that hands out reservations: `reserve(nowMs)` takes the next token and says how
 * long to wait for it (0: now), or refuses when that wait would exceed `maxWaitMs` (nothing is
 * taken then). Pure apart from its own counters; time comes in as an argument.
 */
export class TokenBucket {
  private tokens: number;
  private updatedMs: number | undefined;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly maxWaitMs: number,
  ) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) throw new RangeError('rate must be > 0 and burst >= 1');
    this.tokens = burst;
  }

  reserve(nowMs: number): { readonly ok: true; readonly waitMs: number } | { readonly ok: false; readonly retryAfterMs: number } {
    this.refill(nowMs);
    const waitMs = this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond);
    if (waitMs > this.maxWaitMs) return { ok: false, retryAfterMs: waitMs };
    this.tokens -= 1;
    return { ok: true, waitMs };
  }

  private refill(nowMs: number): void {
    const elapsed = this.updatedMs === undefined ? 0 : Math.max(0, nowMs - this.updatedMs);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerSecond) / 1000);
    this.updatedMs = nowMs;
  }
}
