import { BrokerAdapter, BrokerUnavailableError, BrokerUnsupportedError } from '@trading/broker-sdk';
import { Clock } from '@trading/domain';
import { BrokerCallOutcome } from './broker-call.outcome';
import { CircuitBreaker, CircuitState } from './circuit-breaker';
import { TokenBucket } from './token-bucket';

export interface BrokerResilienceOptions {
  /** A call still running after this is given up as of unknown outcome. */
  readonly timeoutMs: number;
  /** Consecutive failures (unavailable, timeout, unknown) that open the breaker. */
  readonly breakerFailures: number;
  /** How long the breaker stays open before one trial call may pass. */
  readonly breakerHalfOpenAfterMs: number;
  readonly ratePerSecond: number;
  readonly rateBurst: number;
  /** A call that would wait longer than this for the rate limit is refused instead. */
  readonly rateMaxWaitMs: number;
}

export type Sleep = (ms: number) => Promise<void>;

const TIMED_OUT = Symbol('timed out');

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One broker behind its own rate limit, circuit breaker and timeout. While the breaker is open a
 * call is refused at once and nothing is sent. Every call ends in an outcome, never a throw.
 */
export class ResilientBroker {
  private readonly breaker: CircuitBreaker;
  private readonly bucket: TokenBucket;

  constructor(
    readonly adapter: BrokerAdapter,
    private readonly options: BrokerResilienceOptions,
    private readonly clock: Clock,
    private readonly sleep: Sleep = realSleep,
  ) {
    this.breaker = new CircuitBreaker(options.breakerFailures, options.breakerHalfOpenAfterMs);
    this.bucket = new TokenBucket(options.ratePerSecond, options.rateBurst, options.rateMaxWaitMs);
  }

  get name(): string {
    return this.adapter.name;
  }

  isOpen(): boolean {
    return this.breaker.state(this.nowMs()) === 'open';
  }

  circuitState(): CircuitState {
    return this.breaker.state(this.nowMs());
  }

  async call<T>(request: (adapter: BrokerAdapter) => Promise<T>): Promise<BrokerCallOutcome<T>> {
    // an open breaker refuses before a rate-limit token is spent
    if (!this.breaker.tryAcquire(this.nowMs())) {
      return { kind: 'refused', code: 'BROKER.UNAVAILABLE', reason: `circuit breaker of ${this.name} is open` };
    }
    const slot = this.bucket.reserve(this.nowMs());
    if (!slot.ok) {
      this.breaker.success(); // not the broker's failure: frees a half-open trial
      return { kind: 'refused', code: 'BROKER.RATE_LIMITED', reason: `rate limit of ${this.name}: next slot in ${slot.retryAfterMs} ms` };
    }
    if (slot.waitMs > 0) await this.sleep(slot.waitMs);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), this.options.timeoutMs);
    });
    try {
      const value = await Promise.race([request(this.adapter), timedOut]);
      if (value === TIMED_OUT) {
        this.breaker.failure(this.nowMs());
        return { kind: 'unknown', code: 'BROKER.TIMEOUT', reason: `${this.name} did not answer within ${this.options.timeoutMs} ms` };
      }
      this.breaker.success();
      return { kind: 'done', value };
    } catch (error) {
      return this.classify(error);
    } finally {
      clearTimeout(timer);
    }
  }

  private classify(error: unknown): BrokerCallOutcome<never> {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof BrokerUnsupportedError) {
      this.breaker.success(); // the broker answered: it is up
      return { kind: 'refused', code: 'BROKER.UNSUPPORTED', reason };
    }
    this.breaker.failure(this.nowMs());
    if (error instanceof BrokerUnavailableError) return { kind: 'refused', code: 'BROKER.UNAVAILABLE', reason };
    return { kind: 'unknown', code: 'BROKER.OUTCOME_UNKNOWN', reason };
  }

  private nowMs(): number {
    return this.clock.now().getTime();
  }
}
