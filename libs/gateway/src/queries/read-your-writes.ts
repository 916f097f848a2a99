import { awaitProgress, DEFAULT_PROGRESS_WAIT, ProgressWaitOptions, ProjectionProgress } from '@trading/read-models';
import type { Response } from 'express';
import { CONSISTENCY_STALE_HEADER } from './consistency-token';

export interface ReadYourWritesOptions {
  /** How long a read presenting a consistency token waits for the read models (default 2 s). */
  readonly timeoutMs: number;
}

export const DEFAULT_CONSISTENCY_TIMEOUT_MS = 2_000;

/** A read's answer and whether the read models had caught up with the token it presented. */
export interface Consistent<T> {
  readonly body: T;
  readonly stale: boolean;
}

/** Waits, bounded, until the read models a query uses have applied the seq of a token. */
export class ReadYourWrites {
  private readonly wait: ProgressWaitOptions;

  constructor(options: ReadYourWritesOptions, wait: Partial<ProgressWaitOptions> = {}) {
    if (!Number.isSafeInteger(options.timeoutMs) || options.timeoutMs < 0) {
      throw new Error(`consistency timeout must be a non-negative whole number of ms, got ${options.timeoutMs}`);
    }
    this.wait = { ...DEFAULT_PROGRESS_WAIT, ...wait, timeoutMs: options.timeoutMs };
  }

  /** True when the read may miss the token's write (the wait ran out); false without a token. */
  async stale(projections: readonly ProjectionProgress[], accountId: string, token: number | null): Promise<boolean> {
    if (token === null) return false;
    return !(await awaitProgress(projections, accountId, token, this.wait));
  }

  async read<T>(projections: readonly ProjectionProgress[], accountId: string, token: number | null, query: () => Promise<T>): Promise<Consistent<T>> {
    const stale = await this.stale(projections, accountId, token);
    return { body: await query(), stale };
  }
}

/** Sets `X-Consistency-Stale: true` when the answer may miss the presented write; returns the body. */
export function answer<T>(response: Response, result: Consistent<T>): T {
  if (result.stale) response.setHeader(CONSISTENCY_STALE_HEADER, 'true');
  return result.body;
}
