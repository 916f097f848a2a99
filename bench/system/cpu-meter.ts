import { cpus, loadavg } from 'node:os';
import { machineBusy } from './machine-load';
import { cpuSeconds } from './process-stats';

/** CPU use over one phase of the run, in % of one core per process; `machine` in % of all cores. */
export interface CpuUse {
  /** The all-in-one process. */
  readonly systemPct: number | null;
  /** The bench driver (this process). */
  readonly driverPct: number;
  /** Extra processes of the phase (say, the replay CLI), by label. */
  readonly othersPct: Readonly<Record<string, number | null>>;
  /** Everything else on the machine: Kafka, PostgreSQL, Redis, DynamoDB Local, S3Proxy, other users. */
  readonly restPct: number | null;
  readonly machineBusyPct: number;
  /** 1-minute load average at the end of the phase. */
  readonly loadAverage1m: number;
  readonly elapsedS: number;
}

/**
 * Starts metering the CPU of the all-in-one process, the driver and `others` (pids by label);
 * the returned function stops and reads it. A process that exits meanwhile reads as null, unless
 * `finalSeconds` gives its last reading.
 */
export function startCpuMeter(systemPid: number, others: Readonly<Record<string, number>> = {}): (finalSeconds?: Readonly<Record<string, number>>) => CpuUse {
  const busy = machineBusy();
  const started = Date.now();
  const systemBefore = cpuSeconds(systemPid);
  const driverBefore = process.cpuUsage();
  const othersBefore = Object.fromEntries(Object.entries(others).map(([label, pid]) => [label, cpuSeconds(pid) ?? 0]));
  return (finalSeconds = {}) => {
    const elapsedS = Math.max(0.001, (Date.now() - started) / 1000);
    const systemAfter = cpuSeconds(systemPid);
    const driver = process.cpuUsage(driverBefore);
    const machineBusyPct = busy() * 100;
    const systemPct = systemBefore === undefined || systemAfter === undefined ? null : ((systemAfter - systemBefore) / elapsedS) * 100;
    const driverPct = ((driver.user + driver.system) / 1e6 / elapsedS) * 100;
    const othersPct: Record<string, number | null> = {};
    for (const [label, pid] of Object.entries(others)) {
      const after = finalSeconds[label] ?? cpuSeconds(pid);
      othersPct[label] = after === undefined ? null : ((after - (othersBefore[label] ?? 0)) / elapsedS) * 100;
    }
    const known = (systemPct ?? 0) + driverPct + Object.values(othersPct).reduce<number>((sum, v) => sum + (v ?? 0), 0);
    return {
      systemPct,
      driverPct,
      othersPct,
      restPct: systemPct === null ? null : Math.max(0, machineBusyPct * cpus().length - known),
      machineBusyPct,
      loadAverage1m: loadavg()[0] ?? 0,
      elapsedS,
    };
  };
}
