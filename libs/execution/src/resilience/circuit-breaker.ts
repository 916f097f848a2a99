export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * A consecutive-failures breaker: `failures` in a row open it; after `halfOpenAfterMs` one trial
 * call may pass, whose success closes it and whose failure opens it again. Time comes in as an
 * argument. (cockatiel 4 is ESM-only, which the CommonJS build and jest here cannot load.)
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAtMs: number | null = null;
  private trialRunning = false;

  constructor(
    private readonly failures: number,
    private readonly halfOpenAfterMs: number,
  ) {
    if (!(failures >= 1) || !(halfOpenAfterMs >= 0)) throw new RangeError('failures must be >= 1 and halfOpenAfterMs >= 0');
  }

  state(nowMs: number): CircuitState {
    if (this.openedAtMs === null) return 'closed';
    return nowMs - this.openedAtMs >= this.halfOpenAfterMs ? 'half-open' : 'open';
  }

  /** Whether a call may start now; a half-open breaker lets exactly one trial through. */
  tryAcquire(nowMs: number): boolean {
    const state = this.state(nowMs);
    if (state === 'closed') return true;
    if (state === 'open' || this.trialRunning) return false;
    this.trialRunning = true;
    return true;
  }

  success(): void {
    this.consecutiveFailures = 0;
    this.openedAtMs = null;
    this.trialRunning = false;
  }

  failure(nowMs: number): void {
    this.consecutiveFailures += 1;
    if (this.trialRunning || this.consecutiveFailures >= this.failures) this.openedAtMs = nowMs;
    this.trialRunning = false;
  }
}
