import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

let ticks: number | undefined;

/** USER_HZ (almost always 100). */
export function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

/** Busy and total jiffies of all CPUs, from /proc/stat. */
function cpuJiffies(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

/** Measures how busy the whole machine was between `start()` and the returned function's call. */
export function machineBusy(): () => number {
  const before = cpuJiffies();
  return () => {
    const after = cpuJiffies();
    const total = after.total - before.total;
    return total > 0 ? (after.busy - before.busy) / total : 0;
  };
}

export interface MachineSnapshot {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly loadAverage: readonly [number, number, number];
}

export function machineSnapshot(): MachineSnapshot {
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', loadAverage: [one, five, fifteen] };
}
