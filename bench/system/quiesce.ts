import { sleep } from '../support/sleep';
import { cpuSeconds } from './process-stats';

export interface QuiesceOptions {
  /** Idle means every process used less than this share of one core over `windowMs`, above its own idle floor. */
  readonly cpuBelowPct: number;
  readonly windowMs: number;
  readonly timeoutMs: number;
}

/**
 * Waits until the processes of the bench are idle again (a step above capacity leaves a backlog
 * the system works through for a while), so the next step does not measure the last one.
 * Returns how long it waited, and whether they went idle at all.
 */
export async function waitUntilIdle(
  pids: readonly number[],
  options: QuiesceOptions,
  floors: IdleFloors = new Map(),
): Promise<{ waitedMs: number; idle: boolean }> {
  const started = Date.now();
  for (;;) {
    const used = await cpuPercent(pids, options.windowMs);
    const busiest = Math.max(0, ...pids.map((pid, i) => (used[i] ?? 0) - (floors.get(pid) ?? 0)));
    const waitedMs = Date.now() - started;
    if (busiest < options.cpuBelowPct) return { waitedMs, idle: true };
    if (waitedMs >= options.timeoutMs) return { waitedMs, idle: false };
  }
}

/** Per process, the share of one core it uses with nothing to do (timers, polling consumers, market data). */
export type IdleFloors = ReadonlyMap<number, number>;

/**
 * Measured once, before any load: a process that never drops below the absolute threshold when
 * idle (the all-in-one hosts a dozen polling consumers and a quote simulator) would otherwise make
 * every wait run to its timeout.
 */
export async function measureIdleFloors(pids: readonly number[], windowMs: number): Promise<IdleFloors> {
  const used = await cpuPercent(pids, windowMs);
  return new Map(pids.map((pid, i) => [pid, used[i] ?? 0]));
}

async function cpuPercent(pids: readonly number[], windowMs: number): Promise<number[]> {
  const before = pids.map((pid) => cpuSeconds(pid) ?? 0);
  await sleep(windowMs);
  return pids.map((pid, i) => (((cpuSeconds(pid) ?? 0) - (before[i] ?? 0)) * 1000 * 100) / windowMs);
}
