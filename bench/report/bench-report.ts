import { ArchiveResults } from '../archive/archive-steps';
import { BenchPlan } from '../bench-plan';
import { LatencySummary } from '../driver/latency-recorder';
import { RateSearchResult } from '../driver/rate-search';
import { StepResult } from '../driver/step-result';
import { ReadSideStepResult } from '../readside/read-side-steps';
import { SseCapacityLevel } from '../sse/sse-capacity-steps';
import { OpenFileLimit } from '../system/file-descriptors';
import { MachineSnapshot } from '../system/machine-load';

export interface TargetVerdict {
  readonly target: string;
  readonly actual: string;
  /** null: could not be judged (the step was not run). */
  readonly met: boolean | null;
}

export interface RatioAtRate {
  readonly rate: number;
  readonly orderP99Ms: number | null;
  readonly baselineP99Ms: number | null;
  readonly ratio: number | null;
  /** Both steps were sustained: only then is the ratio a comparison of two working pipelines. */
  readonly bothSustained: boolean;
}

/** One read-side figure at one rate, next to the same run's two-hop baseline at that rate. */
export interface ReadSideFigure {
  readonly figure: 'ack' | 'submit_to_fill' | 'projection_postgres' | 'projection_dynamodb' | 'sse_fill';
  readonly rate: number;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  readonly count: number;
  readonly baselineP99Ms: number | null;
  /** p99 / baseline p99 (same rate, same run); null without both. */
  readonly ratio: number | null;
}

/** The whole run, as written to `.bench/order-ack.json`. */
export interface BenchReport {
  readonly startedAt: string;
  readonly durationS: number;
  /** Why the run stopped before its last step, if it did. */
  readonly incomplete: readonly string[] | null;
  /** Phases left out by BENCH_PHASES. */
  readonly phasesNotRun: readonly string[];
  readonly build: 'fresh' | 'built';
  readonly machine: { readonly start: MachineSnapshot; readonly end: MachineSnapshot };
  readonly plan: BenchPlan;
  readonly topicPrefix: string;
  readonly sustainedDefinition: string;
  readonly baseline: { readonly steps: readonly StepResult[]; readonly maxSustained: RateSearchResult };
  readonly orders: {
    readonly steps: readonly StepResult[];
    readonly maxSustained: RateSearchResult;
    /** Highest measured rate whose p99 stayed under the target, for reference. */
    readonly maxRateUnderP99Target: number | null;
  };
  readonly ratios: readonly RatioAtRate[];
  /** The ratio at the highest fixed rate where both the baseline and the orders were sustained. */
  readonly ratioAtHighestSustainedRate: RatioAtRate | null;
  readonly targets: readonly TargetVerdict[];
  /** Read side (issues 4 and 5): submit-to-fill, projection lag, POST -> fill over SSE, at steady rates. */
  readonly readSide: {
    readonly steps: readonly ReadSideStepResult[];
    /** Baseline steps run for the read-side rates the fixed steps did not cover. */
    readonly baselineSteps: readonly StepResult[];
    readonly figures: readonly ReadSideFigure[];
  };
  /** Concurrent SSE connections of one gateway process (issue 5). */
  readonly sse: {
    readonly levels: readonly SseCapacityLevel[];
    /** The largest connection count measured within the target (all held, all delivered, p99 <= target). */
    readonly maxConnectionsWithinTarget: number | null;
    /** `ulimit -n` of the bench (the all-in-one process inherits it). */
    readonly openFileLimit: OpenFileLimit;
  };
  /** Audit archive (issue 6): throughput, size, replay speed. */
  readonly archive: ArchiveResults | null;
  readonly memory: {
    readonly allInOneVmHwmMiB: number | null;
    readonly driverVmHwmMiB: number | null;
    readonly responderVmHwmMiB: number | null;
    readonly replayVmHwmMiB: number | null;
  };
  /** Steps with requests that got no answer at all (client errors, client timeouts, unanswered at the end). */
  readonly stepsWithErrors: readonly string[];
  /** Anything that makes the figures less trustworthy: errors, timeouts, a lagging driver. */
  readonly problems: readonly string[];
}

export interface ReportInputs {
  readonly startedAt: Date;
  readonly build: 'fresh' | 'built';
  readonly machineStart: MachineSnapshot;
  readonly machineEnd: MachineSnapshot;
  readonly plan: BenchPlan;
  readonly topicPrefix: string;
  readonly baselineSteps: readonly StepResult[];
  readonly baselineMax: RateSearchResult;
  readonly orderSteps: readonly StepResult[];
  readonly orderMax: RateSearchResult;
  readonly readSideSteps: readonly ReadSideStepResult[];
  readonly readSideBaselineSteps: readonly StepResult[];
  readonly sseLevels: readonly SseCapacityLevel[];
  readonly openFileLimit: OpenFileLimit;
  readonly archive: ArchiveResults | null;
  readonly memory: BenchReport['memory'];
  readonly incomplete: readonly string[] | null;
  /** Phases left out by BENCH_PHASES. */
  readonly phasesNotRun: readonly string[];
}

const LAGGING_DRIVER_MS = 20;

export function buildReport(inputs: ReportInputs): BenchReport {
  const { plan } = inputs;
  const fixed = (steps: readonly StepResult[], rate: number): StepResult | undefined => steps.find((s) => s.phase === 'fixed' && s.offeredRate === rate);
  const ratios = plan.rates.map((rate): RatioAtRate => {
    const orderP99Ms = fixed(inputs.orderSteps, rate)?.latencyMs?.p99 ?? null;
    const baselineP99Ms = fixed(inputs.baselineSteps, rate)?.latencyMs?.p99 ?? null;
    return {
      rate,
      orderP99Ms,
      baselineP99Ms,
      ratio: orderP99Ms !== null && baselineP99Ms !== null && baselineP99Ms > 0 ? orderP99Ms / baselineP99Ms : null,
      bothSustained: fixed(inputs.orderSteps, rate)?.sustained === true && fixed(inputs.baselineSteps, rate)?.sustained === true,
    };
  });
  const sustainedRatios = ratios.filter((r) => r.bothSustained && r.ratio !== null);
  const allBaseline = [...inputs.baselineSteps, ...inputs.readSideBaselineSteps];
  const within = inputs.sseLevels.filter((l) => l.withinTarget).map((l) => l.connections);
  const maxConnectionsWithinTarget = within.length > 0 ? Math.max(...within) : null;
  const underTarget = inputs.orderSteps.filter((s) => clean(s) && s.latencyMs !== null && s.latencyMs.p99 < plan.targets.p99Ms).map((s) => s.offeredRate);
  return {
    startedAt: inputs.startedAt.toISOString(),
    durationS: (Date.now() - inputs.startedAt.getTime()) / 1000,
    incomplete: inputs.incomplete,
    phasesNotRun: inputs.phasesNotRun,
    build: inputs.build,
    machine: { start: inputs.machineStart, end: inputs.machineEnd },
    plan,
    topicPrefix: inputs.topicPrefix,
    sustainedDefinition: `the highest offered rate (below the lowest failing one) at which answers served within the measured window (orders: accepted or refused by the OMS, not pending_new; baseline: replies) reach ${plan.sustainedFraction * 100} % of the offered rate, with no errors or unanswered requests`,
    baseline: { steps: inputs.baselineSteps, maxSustained: inputs.baselineMax },
    orders: { steps: inputs.orderSteps, maxSustained: inputs.orderMax, maxRateUnderP99Target: underTarget.length > 0 ? Math.max(...underTarget) : null },
    ratios,
    ratioAtHighestSustainedRate: sustainedRatios[sustainedRatios.length - 1] ?? null,
    targets: [
      ...targets(plan, fixed(inputs.orderSteps, plan.targets.atRate), fixed(inputs.baselineSteps, plan.targets.atRate)),
      ...readSideTargets(inputs, maxConnectionsWithinTarget),
      ...archiveTargets(inputs),
    ],
    readSide: { steps: inputs.readSideSteps, baselineSteps: inputs.readSideBaselineSteps, figures: readSideFigures(inputs.readSideSteps, (rate) => fixed(allBaseline, rate)) },
    sse: { levels: inputs.sseLevels, maxConnectionsWithinTarget, openFileLimit: inputs.openFileLimit },
    archive: inputs.archive,
    memory: inputs.memory,
    stepsWithErrors: [
      ...inputs.baselineSteps.filter(hasErrors).map((s) => `baseline ${s.offeredRate}/s`),
      ...inputs.orderSteps.filter(hasErrors).map((s) => `orders ${s.offeredRate}/s`),
    ],
    problems: problems(inputs),
  };
}

const FAILURE_KINDS = ['error', 'unfinished', 'timeout', 'pending_new', 'rate_limited'];

function hasErrors(step: StepResult): boolean {
  return ['error', 'unfinished', 'timeout'].some((kind) => (step.outcomes[kind] ?? 0) > 0);
}

function clean(step: StepResult): boolean {
  return step.collapsed === null && FAILURE_KINDS.every((kind) => (step.outcomes[kind] ?? 0) === 0);
}

function targets(plan: BenchPlan, orders: StepResult | undefined, baseline: StepResult | undefined): TargetVerdict[] {
  const { p99Ms, atRate: rate, baselineRatio } = plan.targets;
  const p99Target = `p99 acknowledgement < ${p99Ms} ms at ${rate} orders/s`;
  const ratioTarget = `order p99 within ${baselineRatio}x the bare two-hop p99 at ${rate}/s`;
  if (orders === undefined) {
    return [
      { target: p99Target, actual: `not measured at ${rate}/s`, met: null },
      { target: ratioTarget, actual: `not measured at ${rate}/s`, met: null },
    ];
  }
  const orderP99 = orders.latencyMs?.p99 ?? NaN;
  const ordersOk = orders.sustained && clean(orders);
  const ordersActual = `${ms(orderP99)}${ordersOk ? '' : ` (${howItFailed(orders)})`}`;
  const verdicts: TargetVerdict[] = [{ target: p99Target, actual: ordersActual, met: ordersOk && orderP99 < p99Ms }];
  if (baseline === undefined) return [...verdicts, { target: ratioTarget, actual: `baseline not measured at ${rate}/s`, met: null }];
  const baselineP99 = baseline.latencyMs?.p99 ?? NaN;
  if (!baseline.sustained || !clean(baseline)) {
    verdicts.push({
      target: ratioTarget,
      actual: `not judged: the bare two-hop baseline itself was not sustained at ${rate}/s on this machine (${howItFailed(baseline)}, p99 ${ms(baselineP99)})`,
      met: null,
    });
  } else {
    const ratio = orderP99 / baselineP99;
    verdicts.push({ target: ratioTarget, actual: `${Number.isFinite(ratio) ? `${ratio.toFixed(1)}x` : 'n/a'} (orders ${ordersActual} vs baseline ${ms(baselineP99)})`, met: ordersOk && ratio <= baselineRatio });
  }
  return verdicts;
}

/** Why a step does not count as a clean, sustained one, in a few words. */
export function howItFailed(step: StepResult): string {
  const parts: string[] = [];
  if (step.collapsed !== null) parts.push(`collapsed: stopped sending after ${(step.collapsed.afterMs / 1000).toFixed(1)} s with ${step.collapsed.inFlight} unanswered`);
  if (!step.sustained) parts.push(`achieved ${Math.round(step.achievedRate)}/s of ${step.offeredRate}/s offered`);
  for (const kind of FAILURE_KINDS) if ((step.outcomes[kind] ?? 0) > 0) parts.push(`${step.outcomes[kind]} ${kind}`);
  return parts.join(', ');
}

function problems(inputs: ReportInputs): string[] {
  const found: string[] = [];
  const scan = (name: string, steps: readonly StepResult[]): void => {
    for (const step of steps) {
      if (!clean(step)) found.push(`${name} at ${step.offeredRate}/s: ${howItFailed(step)}`);
      if (step.quiesce !== undefined && !step.quiesce.idle) found.push(`${name} at ${step.offeredRate}/s: started while the processes were still busy after ${Math.round(step.quiesce.waitedMs / 1000)} s of waiting`);
      if ((step.sendLagMs?.p99 ?? 0) > LAGGING_DRIVER_MS) {
        found.push(`${name} at ${step.offeredRate}/s: the driver sent late (p99 ${ms(step.sendLagMs?.p99 ?? 0)} behind schedule): the machine, not only the system, limited this step`);
      }
    }
  };
  scan('baseline', inputs.baselineSteps);
  scan('orders', inputs.orderSteps);
  for (const step of inputs.readSideSteps) {
    const at = `read side at ${step.offeredRate}/s`;
    if (step.filled < step.accepted) found.push(`${at}: ${step.accepted - step.filled} of ${step.accepted} accepted orders not filled within the drain`);
    if (step.sseFillsMissing > 0) found.push(`${at}: ${step.sseFillsMissing} of ${step.accepted} fills never arrived over SSE within the drain`);
    if (step.sseConnectionsDropped > 0) found.push(`${at}: the server dropped ${step.sseConnectionsDropped} SSE connections`);
    for (const p of step.projections) if (p.seen < p.expected) found.push(`${at}: ${p.expected - p.seen} of ${p.expected} accepted orders never became visible in ${p.store} within the drain`);
    const failed = ['error', 'unfinished', 'pending_new', 'rate_limited', 'refused'].filter((k) => (step.outcomes[k] ?? 0) > 0);
    if (failed.length > 0) found.push(`${at}: ${failed.map((k) => `${step.outcomes[k]} ${k}`).join(', ')}`);
  }
  for (const level of inputs.sseLevels) {
    const at = `SSE at ${level.connections} connections`;
    if (level.failedToOpen > 0) found.push(`${at}: ${level.failedToOpen} connections failed to open (${level.firstOpenError ?? ''})`);
    if (level.dropped > 0) found.push(`${at}: the server dropped ${level.dropped} connections`);
    if (level.deliveries < level.expectedDeliveries) found.push(`${at}: ${level.expectedDeliveries - level.deliveries} of ${level.expectedDeliveries} deliveries never arrived`);
    if (level.expectedDeliveries === 0) found.push(`${at}: no update was delivered in the measured window`);
  }
  if (inputs.archive !== null) found.push(...inputs.archive.problems);
  if (inputs.orderMax.nonMonotonic) found.push('orders: a rate passed above one that failed (noisy machine); max sustained is the conservative figure');
  if (inputs.baselineMax.nonMonotonic) found.push('baseline: a rate passed above one that failed (noisy machine); max sustained is the conservative figure');
  return found;
}

function readSideFigures(steps: readonly ReadSideStepResult[], baselineAt: (rate: number) => StepResult | undefined): ReadSideFigure[] {
  const figures: ReadSideFigure[] = [];
  for (const step of steps) {
    const baselineP99Ms = baselineAt(step.offeredRate)?.latencyMs?.p99 ?? null;
    const add = (figure: ReadSideFigure['figure'], summary: LatencySummary | null): void => {
      const p99Ms = summary?.p99 ?? null;
      figures.push({
        figure,
        rate: step.offeredRate,
        p50Ms: summary?.p50 ?? null,
        p99Ms,
        count: summary?.count ?? 0,
        baselineP99Ms,
        ratio: p99Ms !== null && baselineP99Ms !== null && baselineP99Ms > 0 ? p99Ms / baselineP99Ms : null,
      });
    };
    add('ack', step.ackMs);
    add('submit_to_fill', step.submitToFillMs);
    for (const projection of step.projections) add(projection.store === 'postgres' ? 'projection_postgres' : 'projection_dynamodb', projection.lagMs);
    add('sse_fill', step.sseFillMs);
  }
  return figures;
}

function readSideTargets(inputs: ReportInputs, maxConnections: number | null): TargetVerdict[] {
  const { sse } = inputs.plan;
  const target = `one gateway process holds >= 10,000 concurrent SSE connections with updates delivered within ${sse.p99TargetMs} ms p99`;
  if (inputs.sseLevels.length === 0) return [{ target, actual: 'not measured', met: null }];
  const largest = Math.max(...inputs.sseLevels.map((l) => l.connections));
  const best = inputs.sseLevels.find((l) => l.connections === maxConnections);
  const actual =
    maxConnections === null
      ? `no level within the target (levels tried: ${inputs.sseLevels.map((l) => `${l.connections}: p99 ${ms(l.deliveryMs?.p99 ?? NaN)}${l.withinTarget ? '' : ' out'}`).join(', ')})`
      : `${maxConnections} connections, p99 ${ms(best?.deliveryMs?.p99 ?? NaN)}${largest < 10_000 ? ` (the largest level tried was ${largest})` : ''}`;
  return [{ target, actual, met: maxConnections === null ? (largest >= 10_000 ? false : null) : maxConnections >= 10_000 ? true : largest >= 10_000 ? false : null }];
}

function archiveTargets(inputs: ReportInputs): TargetVerdict[] {
  const targetRate = inputs.plan.archive.replayTargetEventsPerS;
  const target = `replay >= ${targetRate.toLocaleString('en-US')} events/s from S3 to reconstructed state`;
  const replay = inputs.archive?.replay ?? null;
  if (replay === null || replay.eventsPerSecond === null) return [{ target, actual: 'not measured', met: null }];
  const rate = (value: number | null): string => (value === null ? 'n/a' : `${Math.round(value).toLocaleString('en-US')} events/s`);
  const small = `${rate(replay.eventsPerSecondAfterStartup)} over the run's own ${replay.events} archived order events (${replay.run.wallS.toFixed(2)} s wall minus ${replay.startup.wallS.toFixed(2)} s CLI start-up; small files, one per partition and ARCHIVE_FLUSH_MS)`;
  const large = replay.largeArchive;
  // judged on the fold over a large archive (S3 -> state); the run's own small archive is shown
  if (large === null) {
    const met = replay.eventsPerSecondAfterStartup === null ? null : replay.eventsPerSecondAfterStartup >= targetRate ? true : null;
    return [{ target, actual: `large archive not measured; ${small}`, met }];
  }
  const actual = `${rate(large.median)} (median of ${large.eventsPerSecond.length}) over ${large.events.toLocaleString('en-US')} archived order events in files of 10,000; ${small}`;
  const met = large.median >= targetRate;
  return [{ target, actual, met }];
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value < 10 ? `${value.toFixed(2)} ms` : value < 100 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}
