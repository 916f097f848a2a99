import { BenchPlan } from '../bench-plan';
import { RateSearchResult } from '../driver/rate-search';
import { StepResult } from '../driver/step-result';
import { FillStepResult } from '../fills/fill-steps';
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

/** The whole run, as written to `.bench/order-ack.json`. */
export interface BenchReport {
  readonly startedAt: string;
  readonly durationS: number;
  /** Why the run stopped before its last step, if it did. */
  readonly incomplete: string | null;
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
  /** Submit-to-fill through the paper exchange (issue 4). */
  readonly fills: readonly FillStepResult[];
  readonly memory: { readonly allInOneVmHwmMiB: number | null; readonly driverVmHwmMiB: number | null; readonly responderVmHwmMiB: number | null };
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
  readonly fillSteps: readonly FillStepResult[];
  readonly memory: BenchReport['memory'];
  readonly incomplete: string | null;
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
  const underTarget = inputs.orderSteps.filter((s) => clean(s) && s.latencyMs !== null && s.latencyMs.p99 < plan.targets.p99Ms).map((s) => s.offeredRate);
  return {
    startedAt: inputs.startedAt.toISOString(),
    durationS: (Date.now() - inputs.startedAt.getTime()) / 1000,
    incomplete: inputs.incomplete,
    build: inputs.build,
    machine: { start: inputs.machineStart, end: inputs.machineEnd },
    plan,
    topicPrefix: inputs.topicPrefix,
    sustainedDefinition: `the highest offered rate (below the lowest failing one) at which answers served within the measured window (orders: accepted or refused by the OMS, not pending_new; baseline: replies) reach ${plan.sustainedFraction * 100} % of the offered rate, with no errors or unanswered requests`,
    baseline: { steps: inputs.baselineSteps, maxSustained: inputs.baselineMax },
    orders: { steps: inputs.orderSteps, maxSustained: inputs.orderMax, maxRateUnderP99Target: underTarget.length > 0 ? Math.max(...underTarget) : null },
    ratios,
    ratioAtHighestSustainedRate: sustainedRatios[sustainedRatios.length - 1] ?? null,
    targets: targets(plan, fixed(inputs.orderSteps, plan.targets.atRate), fixed(inputs.baselineSteps, plan.targets.atRate)),
    fills: inputs.fillSteps,
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
  for (const step of inputs.fillSteps) {
    if (step.filled < step.accepted) found.push(`fills at ${step.offeredRate}/s: ${step.accepted - step.filled} of ${step.accepted} accepted orders not filled within the drain`);
  }
  if (inputs.orderMax.nonMonotonic) found.push('orders: a rate passed above one that failed (noisy machine); max sustained is the conservative figure');
  if (inputs.baselineMax.nonMonotonic) found.push('baseline: a rate passed above one that failed (noisy machine); max sustained is the conservative figure');
  return found;
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value < 10 ? `${value.toFixed(2)} ms` : value < 100 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}
