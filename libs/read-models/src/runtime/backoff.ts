/** Exponential backoff: initial, doubled per failure, capped. */
export interface BackoffSettings {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = Object.freeze({ initialMs: 200, maxMs: 10_000 });

export function backoffDelay(settings: BackoffSettings, failures: number): number {
  return Math.min(settings.maxMs, settings.initialMs * 2 ** Math.max(0, failures - 1));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
