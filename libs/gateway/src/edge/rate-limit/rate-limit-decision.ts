export interface RateLimitDecision {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Unix time, in seconds, when the window ends and the quota is whole again. */
  readonly resetAt: number;
  readonly retryAfterSeconds: number;
}
