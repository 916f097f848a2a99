import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT, startNode } from '../support/child-process';
import { cpuSeconds, peakRssMiB } from '../system/process-stats';

export const REPLAY_ENTRY = 'dist/apps/replay/src/main.js';

/** One run of the compliance replay CLI over the run's archive. */
export interface ReplayRun {
  readonly args: readonly string[];
  readonly exitCode: number | null;
  /** Process start -> exit. */
  readonly wallS: number;
  /** CPU seconds (user + system) and peak resident memory of the CLI process (last /proc reading before it exited). */
  readonly cpuS: number | null;
  readonly vmHwmMiB: number | null;
  /** Orders in the reconstructed state (`--json` output), when it printed one. */
  readonly orders: number | null;
  readonly positions: number | null;
  readonly stderrTail: string;
}

/** Runs `node dist/apps/replay/src/main.js <args>` with the run's environment, sampling /proc while it runs. */
export async function timeReplay(args: readonly string[], env: Readonly<Record<string, string>>): Promise<ReplayRun> {
  const started = performance.now();
  const child = startNode(join(REPO_ROOT, REPLAY_ENTRY), args, env);
  let cpuS: number | null = null;
  let vmHwmMiB: number | null = null;
  const sample = (): void => {
    cpuS = cpuSeconds(child.pid) ?? cpuS;
    vmHwmMiB = peakRssMiB(child.pid) ?? vmHwmMiB;
  };
  const sampler = setInterval(sample, 50);
  const { code } = await child.exited.finally(() => clearInterval(sampler));
  const wallS = (performance.now() - started) / 1000;
  let orders: number | null = null;
  let positions: number | null = null;
  try {
    const view = JSON.parse(child.stdout()) as { orders?: unknown[]; positions?: unknown[] };
    orders = Array.isArray(view.orders) ? view.orders.length : null;
    positions = Array.isArray(view.positions) ? view.positions.length : null;
  } catch {
    // not JSON (help text, or a failure): no counts
  }
  return { args, exitCode: code, wallS, cpuS, vmHwmMiB, orders, positions, stderrTail: child.output().slice(-1_000) };
}

export const REPLAY_BENCH_ENTRY = 'dist/apps/replay/src/replay-bench.main.js';

/** The replay fold over a large archive (`replay-bench`): what the speed target is judged on. */
export interface LargeArchiveReplay {
  /** Order events in that archive (100 accounts x 250 orders, 10,000 records per file, 6 partitions). */
  readonly events: number;
  readonly prefix: string;
  /** events/s of each run, and their median. */
  readonly eventsPerSecond: readonly number[];
  readonly median: number;
  readonly medianPerCpuSecond: number;
}

/**
 * Runs `replay-bench --stages reconstruction`: the archive is written once by the archive's own
 * PartitionWriter under its prefix and reused by later runs; the fold is `replay`'s own.
 */
export async function timeLargeArchiveReplay(env: Readonly<Record<string, string>>, runs: number): Promise<LargeArchiveReplay> {
  const child = startNode(join(REPO_ROOT, REPLAY_BENCH_ENTRY), ['--runs', String(runs), '--stages', 'reconstruction'], env);
  const { code } = await child.exited;
  if (code !== 0) throw new Error(`replay-bench exited ${String(code)}: ${child.output().slice(-1_000)}`);
  const line = child.stdout().trim().split('\n').pop() ?? '';
  const parsed = JSON.parse(line) as {
    prefix: string;
    results: { reconstruction?: { events: number; eventsPerSecond: number[]; median: number; medianPerCpuSecond: number } };
  };
  const result = parsed.results.reconstruction;
  if (!result) throw new Error(`replay-bench printed no reconstruction result: ${line.slice(0, 500)}`);
  return { events: result.events, prefix: parsed.prefix, eventsPerSecond: result.eventsPerSecond, median: result.median, medianPerCpuSecond: result.medianPerCpuSecond };
}
