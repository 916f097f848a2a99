import { RateSearchResult } from '../driver/rate-search';
import { LatencySummary } from '../driver/latency-recorder';
import type { AckStages } from '../orders/ack-stages.recorder';
import { StepResult } from '../driver/step-result';
import { BenchReport, ms, RatioAtRate } from './bench-report';
import { archiveSection, readSideSection, sseSection } from './system-sections.text';
import { mib, pct, table } from './text-table';

/** The report a person reads: tables of the steps, the ratios, the targets, memory, problems. */
export function reportText(report: BenchReport, jsonPath: string, htmlPath: string): string {
  const { machine, plan } = report;
  const load = (l: readonly number[]): string => l.map((v) => v.toFixed(2)).join(' / ');
  const lines = [
    '',
    `SYSTEM BENCHMARK  ${report.startedAt}  (${Math.round(report.durationS)} s)`,
    `machine: ${machine.start.cpus} CPUs (${machine.start.cpuModel}); load average 1/5/15 min at start ${load(machine.start.loadAverage)}, at end ${load(machine.end.loadAverage)}`,
    `system: built all-in-one process (dist ${report.build === 'built' ? 'rebuilt for this run' : 'already up to date'}), KAFKA_ACCOUNT_PARTITIONS=${plan.partitions}, topics ${report.topicPrefix}*`,
    ...(report.phasesNotRun.length === 0 ? [] : [`NOT RUN (BENCH_PHASES): ${report.phasesNotRun.join(', ')}`]),
    ...(report.incomplete ?? []).map((reason) => `INCOMPLETE: a phase could not finish, its later steps were skipped: ${reason.split('\n')[0] ?? ''}`),
    report.stepsWithErrors.length === 0
      ? 'status: every request of every step got an answer (no client errors)'
      : `status: RUN HAD ERRORS (requests without any answer) in ${report.stepsWithErrors.join(', ')}`,
    `steps: open loop, ${plan.warmupMs / 1000} s warm-up + ${plan.measureMs / 1000} s measured (search steps ${plan.searchWarmupMs / 1000} + ${plan.searchMeasureMs / 1000} s); latency from handing the request to the client to its answer`,
    '',
    'BARE KAFKAJS TWO-HOP BASELINE (produce to A -> responder process produces reply to B -> await it; idempotent producers, acks -1)',
    ...stepTable(report.baseline.steps, 'baseline'),
    ...servicesCpu(report.baseline.steps),
    `max sustained: ${sustained(report.baseline.maxSustained, 'round trips/s')}`,
    '',
    'ORDER ACKNOWLEDGEMENT (POST /v2/orders over keep-alive HTTP -> the OMS decision in the HTTP response)',
    ...stepTable(report.orders.steps, 'orders'),
    ...ackStagesTable(report.orders.steps),
    ...servicesCpu(report.orders.steps),
    ...refusals(report.orders.steps),
    `max sustained: ${sustained(report.orders.maxSustained, 'orders/s')}`,
    `highest rate with p99 < ${plan.targets.p99Ms} ms and no failures: ${report.orders.maxRateUnderP99Target === null ? 'none' : `${report.orders.maxRateUnderP99Target} orders/s`}`,
    `(sustained = ${report.sustainedDefinition})`,
    '',
    'ORDER p99 / BASELINE p99 (same rate, same run)',
    ...table(
      ['rate/s', 'orders p99', 'baseline p99', 'ratio', 'both sustained'],
      report.ratios.map((r) => [String(r.rate), ms(r.orderP99Ms ?? NaN), ms(r.baselineP99Ms ?? NaN), r.ratio === null ? 'n/a' : `${r.ratio.toFixed(1)}x`, r.bothSustained ? 'yes' : 'no']),
    ),
    `ratio at the highest rate both sustained: ${commonRatio(report.ratioAtHighestSustainedRate)}`,
    '',
    'TARGETS (issues 3, 5, 6)',
    ...report.targets.map((t) => `  [${t.met === null ? 'n/a' : t.met ? 'met' : 'NOT MET'}] ${t.target}: ${t.actual}`),
    '',
    ...readSideSection(report),
    '',
    ...sseSection(report),
    '',
    ...archiveSection(report.archive, plan.archive.replayTargetEventsPerS),
    '',
    'PEAK MEMORY (VmHWM)',
    `  all-in-one process ${mib(report.memory.allInOneVmHwmMiB)}, bench driver ${mib(report.memory.driverVmHwmMiB)}, two-hop responder ${mib(report.memory.responderVmHwmMiB)}, replay CLI ${mib(report.memory.replayVmHwmMiB)}`,
    '',
    report.problems.length === 0 ? 'PROBLEMS: none' : 'PROBLEMS',
    ...report.problems.map((p) => `  - ${p}`),
    '',
    `JSON: ${jsonPath}`,
    `chart: ${htmlPath}`,
    '',
  ];
  return lines.join('\n');
}

/** Where each order step's acknowledgement time went (p50 / p99), from Kafka record times and a read-committed reader. */
function ackStagesTable(steps: readonly StepResult[]): string[] {
  const measured = steps.filter((step) => step.ackStages && step.ackStages.orders > 0);
  if (measured.length === 0) return [];
  const cell = (summary: LatencySummary | null): string => (summary ? `${ms(summary.p50)} / ${ms(summary.p99)}` : '-');
  return [
    '  where the time went, p50 / p99: request -> command on the log -> decision produced (OMS) -> decision readable (committed) -> HTTP answer',
    ...table(
      ['rate/s', 'orders', 'request -> command', 'command -> decision', 'decision -> readable', 'readable -> answer'],
      measured.map((step) => {
        const stages = step.ackStages as AckStages;
        return [String(step.offeredRate), String(stages.orders), cell(stages.requestToCommand), cell(stages.commandToDecision), cell(stages.decisionToReadable), cell(stages.readableToAnswer)];
      }),
    ),
  ];
}

function stepTable(steps: readonly StepResult[], kind: 'baseline' | 'orders'): string[] {
  const orders = kind === 'orders';
  const header = [
    'rate/s',
    ...(orders ? ['accts'] : []),
    'achieved/s',
    'ok?',
    'p50',
    'p90',
    'p99',
    'max',
    ...(orders ? ['accepted', 'refused', 'pend_new', 'errors'] : ['replies', 'failed']),
    'lag p99',
    orders ? 'aio CPU' : 'resp CPU',
    ...(orders ? ['main thr'] : []),
    'drv CPU',
    'rest CPU',
    'machine',
    ...(orders ? ['aio ms/order', 'all ms/order'] : []),
  ];
  // CPU time per order: what the system under test spends, apart from the driver's own share
  const perOrder = (pctOfCore: number | null, s: StepResult): string =>
    pctOfCore === null || !(s.achievedRate > 0) ? '-' : `${((pctOfCore * 10) / s.achievedRate).toFixed(2)}`;
  const rows = steps.map((s) => {
    const l = s.latencyMs;
    const count = (kind: string): string => String(s.outcomes[kind] ?? 0);
    const failures = (s.outcomes.error ?? 0) + (s.outcomes.unfinished ?? 0) + (s.outcomes.timeout ?? 0) + (s.outcomes.rate_limited ?? 0);
    return [
      `${s.offeredRate}${s.phase === 'search' ? '*' : ''}`,
      ...(orders ? [String(s.accounts ?? '')] : []),
      s.achievedRate.toFixed(0),
      s.collapsed !== null ? 'COLLAPSED' : s.sustained ? 'yes' : 'no',
      ms(l?.p50 ?? NaN),
      ms(l?.p90 ?? NaN),
      ms(l?.p99 ?? NaN),
      ms(l?.max ?? NaN),
      ...(orders ? [count('accepted'), count('refused'), count('pending_new'), String(failures)] : [count('reply'), String(failures)]),
      ms(s.sendLagMs?.p99 ?? NaN),
      pct(s.serverCpuPct),
      ...(orders ? [pct(s.serverMainThreadCpuPct ?? null)] : []),
      pct(s.driverCpuPct),
      pct(s.otherCpuPct),
      pct(s.machineBusyPct),
      ...(orders ? [perOrder(s.serverCpuPct, s), perOrder(s.serverCpuPct === null || s.otherCpuPct === null ? null : s.serverCpuPct + s.otherCpuPct, s)] : []),
    ];
  });
  return [
    ...table(header, rows),
    '  (* search step; lag p99 = how late the driver sent; CPU in % of one core over the step: rest = Kafka, PostgreSQL, Redis and anything else running; machine = % of all cores busy)',
    ...(orders
      ? [
          '  (main thr = of aio CPU, the main thread: HTTP, the OMS, execution and the live stream, what an answer waits for; projectors and archiver run on a background thread of lower priority)',
          '  (ms/order = CPU ms per achieved order: of the all-in-one, and of the all-in-one plus the rest, the driver left out)',
        ]
      : []),
  ];
}

function commonRatio(ratio: RatioAtRate | null): string {
  return ratio === null || ratio.ratio === null ? 'none' : `${ratio.ratio.toFixed(1)}x at ${ratio.rate}/s (orders ${ms(ratio.orderP99Ms ?? NaN)}, baseline ${ms(ratio.baselineP99Ms ?? NaN)})`;
}

/** Where `rest CPU` went: the machine's services, per step. */
function servicesCpu(steps: readonly StepResult[]): string[] {
  const measured = steps.filter((step) => step.servicesCpuPct !== undefined && Object.keys(step.servicesCpuPct).length > 0);
  if (measured.length === 0) return [];
  return [
    '  rest CPU by service, % of one core:',
    ...measured.map((step) => {
      const services = Object.entries(step.servicesCpuPct ?? {}).sort(([, a], [, b]) => b - a);
      return `    ${step.phase === 'search' ? '*' : ''}${step.offeredRate}/s: ${services.map(([name, pct]) => `${name} ${pct.toFixed(0)}`).join(', ')}`;
    }),
  ];
}

function refusals(steps: readonly StepResult[]): string[] {
  const all = new Map<string, number>();
  for (const step of steps) for (const [detail, n] of Object.entries(step.details)) all.set(detail, (all.get(detail) ?? 0) + n);
  const dropped = steps.filter((step) => (step.listenOverflows ?? 0) > 0).map((step) => `${step.listenOverflows ?? 0} at ${step.offeredRate}/s`);
  const opened = steps.filter((step) => (step.connectionsOpened ?? 0) > 0).map((step) => `${step.connectionsOpened ?? 0} at ${step.offeredRate}/s`);
  return [
    ...(all.size === 0 ? [] : [`  refusals and errors: ${[...all].map(([d, n]) => `${d} x${n}`).join('; ')}`]),
    // a dropped SYN comes back 1, 3 or 7 s later: the step's p99 is then the client's retry
    // a loaded process accepts one connection per event-loop turn: a request on a new one waits
    ...(opened.length === 0 ? [] : [`  connections the driver opened during the step, beyond the rate/2 opened before it: ${opened.join(', ')}`]),
    ...(dropped.length === 0 ? [] : [`  connections dropped on full accept queues (machine-wide, TcpExt ListenOverflows): ${dropped.join(', ')}`]),
  ];
}

function sustained(result: RateSearchResult, unit: string): string {
  if (result.maxSustained === null) return 'none of the rates tried was sustained';
  return `${result.maxSustained} ${unit}${result.atCeiling ? ' (the search ceiling: the real maximum is higher)' : ''}`;
}
