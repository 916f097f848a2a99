import { cpus } from 'node:os';
import { cpuSeconds, mainThreadCpuSeconds } from '../system/process-stats';
import { listenOverflows } from '../system/listen-overflows';
import { meterServices, ServiceCpu } from '../system/service-cpu';
import { machineBusy } from '../system/machine-load';
import type { AckStages } from '../orders/ack-stages.recorder';
import { OpenLoopResult } from './open-loop-driver';

/** One measured step, with how busy the machine and the processes were meanwhile. */
export interface StepResult extends OpenLoopResult {
  readonly phase: 'fixed' | 'search';
  /** Served answers in the window reached the sustained fraction of the offered rate, and nothing failed. */
  readonly sustained: boolean;
  /** CPU of the process under test (all-in-one, or the baseline's responder), % of one core. */
  readonly serverCpuPct: number | null;
  /** Of that, its main thread's: the all-in-one's HTTP, OMS, execution and live stream (not its background thread, GC helpers or I/O pool). */
  readonly serverMainThreadCpuPct?: number | null;
  /** CPU of the bench driver, % of one core. */
  readonly driverCpuPct: number;
  /** All cores of the machine, % busy. */
  readonly machineBusyPct: number;
  /** Everything else on the machine (Kafka, PostgreSQL, Redis, idle bench processes, other users), % of one core. */
  readonly otherCpuPct: number | null;
  /** The machine's services (Kafka, DynamoDB Local, S3, PostgreSQL, Redis), % of one core each: most of `otherCpuPct`. */
  readonly servicesCpuPct?: ServiceCpu;
  readonly accounts?: number;
  /** Order steps: where the acknowledgement time went, stage by stage. */
  readonly ackStages?: AckStages;
  /** Order steps: connections the driver opened during the step, beyond those it opened before it. */
  readonly connectionsOpened?: number;
  /** Connections dropped on full accept queues during the step, machine-wide (null: unreadable). */
  readonly listenOverflows?: number | null;
  /** How long the bench waited for the processes to go idle before the step, and whether they did. */
  readonly quiesce?: { readonly waitedMs: number; readonly idle: boolean };
}

const FAILED = ['error', 'unfinished', 'timeout'];

/** Runs a step while metering CPU, and judges whether it was sustained. */
export async function measuredStep(
  phase: StepResult['phase'],
  serverPid: number,
  sustainedFraction: number,
  run: () => Promise<OpenLoopResult>,
): Promise<StepResult> {
  const overflowsBefore = listenOverflows();
  const busy = machineBusy();
  const services = meterServices();
  const serverBefore = cpuSeconds(serverPid);
  const mainBefore = mainThreadCpuSeconds(serverPid);
  const driverBefore = process.cpuUsage();
  const startedAt = Date.now();
  const result = await run();
  const elapsedS = (Date.now() - startedAt) / 1000;
  const serverAfter = cpuSeconds(serverPid);
  const mainAfter = mainThreadCpuSeconds(serverPid);
  const driver = process.cpuUsage(driverBefore);
  const machinePct = busy() * 100;
  const overflowsAfter = listenOverflows();
  const servicesCpuPct = services();
  const serverCpuPct = serverBefore === undefined || serverAfter === undefined ? null : ((serverAfter - serverBefore) / elapsedS) * 100;
  const driverCpuPct = ((driver.user + driver.system) / 1e6 / elapsedS) * 100;
  const failed = FAILED.reduce((sum, kind) => sum + (result.outcomes[kind] ?? 0), 0);
  return {
    ...result,
    phase,
    sustained: failed === 0 && result.collapsed === null && result.achievedRate >= sustainedFraction * result.offeredRate,
    serverCpuPct,
    serverMainThreadCpuPct: mainBefore === undefined || mainAfter === undefined ? null : ((mainAfter - mainBefore) / elapsedS) * 100,
    driverCpuPct,
    machineBusyPct: machinePct,
    listenOverflows: overflowsBefore === undefined || overflowsAfter === undefined ? null : overflowsAfter - overflowsBefore,
    otherCpuPct: serverCpuPct === null ? null : Math.max(0, machinePct * cpus().length - serverCpuPct - driverCpuPct),
    servicesCpuPct,
  };
}
