/** Anything that knows how far a projection got in an account's stream. */
export interface ProjectionProgress {
  lastAppliedSeq(accountId: string): Promise<number>;
}

export interface ProgressWaitOptions {
  /** Give up after this long: the caller answers with what the read model has. */
  readonly timeoutMs: number;
  /** First pause between polls, doubled each time up to `maxPollMs`. */
  readonly initialPollMs: number;
  readonly maxPollMs: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_PROGRESS_WAIT: Omit<ProgressWaitOptions, 'timeoutMs'> = Object.freeze({
  initialPollMs: 5,
  maxPollMs: 100,
  now: () => Date.now(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
});

/**
 * Read-your-writes: resolves true once every projection has applied the account's stream up to
 * `seq`, false when `timeoutMs` passes first. Polls the progress rows with a short backoff; the
 * first check costs one read per projection, so an up-to-date read model adds no wait.
 */
export async function awaitProgress(
  projections: readonly ProjectionProgress[],
  accountId: string,
  seq: number,
  options: ProgressWaitOptions,
): Promise<boolean> {
  const deadline = options.now() + options.timeoutMs;
  let pending = [...projections];
  let pause = options.initialPollMs;
  for (;;) {
    const behind = await Promise.all(pending.map(async (projection) => ((await projection.lastAppliedSeq(accountId)) >= seq ? null : projection)));
    pending = behind.filter((projection): projection is ProjectionProgress => projection !== null);
    if (pending.length === 0) return true;
    const left = deadline - options.now();
    if (left <= 0) return false;
    await options.sleep(Math.min(pause, left));
    pause = Math.min(pause * 2, options.maxPollMs);
  }
}
