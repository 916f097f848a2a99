import { sleep } from '../support/sleep';
import { cpuSeconds } from './process-stats';

export interface QuiesceOptions {
  /** Idle means every process used less than this share of one core over `windowMs`. */
  readonly cpuBelowPct: number;
  readonly windowMs: number;
  readonly timeoutMs: number;
}

/**
 * Waits until the processes of the bench are idle again (a step above capacity leaves a backlog
 * the system works through for a while), so the next step does not measure the last one.
 * Returns how long it waited, and whether they went idle at all.
 */
export async function waitUntilIdle(pids: readonly number[], options: QuiesceOptions): Promise<{ waitedMs: number; idle: boolean }> {
  const started = Date.now();
  for (;;) {
    const before = pids.map((pid) => cpuSeconds(pid) ?? 0);
    await sleep(options.windowMs);
    const busiest = Math.max(0, ...pids.map((pid, i) => (((cpuSeconds(pid) ?? 0) - (before[i] ?? 0)) * 1000 * 100) / options.windowMs));
    const waitedMs = Date.now() - started;
    if (busiest < options.cpuBelowPct) return { waitedMs, idle: true };
    if (waitedMs >= options.timeoutMs) return { waitedMs, idle: false };
  }
}
