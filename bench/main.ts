/**
 * `npm run bench`: order acknowledgement latency and max sustained orders/s of the built
 * all-in-one process, next to a bare kafkajs two-hop baseline measured in the same run, on this
 * machine. Reports; never fails on a target (exit 1 only when it could not run, 130/143 on a signal).
 */
import { loadAppConfig } from '@trading/config';
import { createKafkaClient } from '@trading/messaging';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccountProvisioner } from './accounts/account-provisioner';
import { BaselineSteps } from './baseline/baseline-steps';
import { KafkaTwoHopBaseline } from './baseline/kafka-two-hop.baseline';
import { benchPlan, BenchPlan } from './bench-plan';
import { nextRate, RateSearchPolicy, RateSearchResult, searchResult } from './driver/rate-search';
import { StepResult } from './driver/step-result';
import { FillObserver } from './fills/fill-observer';
import { FillSteps, FillStepResult } from './fills/fill-steps';
import { BenchDatabase } from './lifecycle/bench-database';
import { buildIfNeeded } from './lifecycle/build-if-needed';
import { CleanupStack } from './lifecycle/cleanup-stack';
import { deleteByPrefix } from './lifecycle/kafka-cleanup';
import { OrderSteps } from './orders/order-steps';
import { buildReport } from './report/bench-report';
import { reportText } from './report/report-text';
import { REPO_ROOT, runInherited } from './support/child-process';
import { log } from './support/log';
import { uniqueName } from './support/unique-name';
import { AllInOneProcess } from './system/all-in-one.process';
import { machineSnapshot } from './system/machine-load';
import { peakRssMiB } from './system/process-stats';
import { waitUntilIdle } from './system/quiesce';

const REPORT_PATH = join(REPO_ROOT, '.bench', 'order-ack.json');
/** Everything the all-in-one process wrote (LOG_LEVEL=warn), for when a step goes wrong. */
const SYSTEM_LOG = join(REPO_ROOT, '.bench', 'all-in-one.log');

type Step = (rate: number, phase: StepResult['phase'], warmupMs: number, measureMs: number) => Promise<StepResult>;

/** 0 when every step ran, 1 when the report is incomplete; throws when nothing could be measured. */
async function main(cleanup: CleanupStack): Promise<number> {
  const startedAt = new Date();
  const machineStart = machineSnapshot();
  const plan = benchPlan();
  const build = await buildIfNeeded();
  log('infrastructure: bash infra/local/infra.sh up');
  await runInherited('bash', ['infra/local/infra.sh', 'up'], 'infra/local/infra.sh up');

  const config = loadAppConfig(process.env);
  const runId = uniqueName('bench');
  const prefix = `${runId}.`;
  const database = new BenchDatabase(config.DATABASE_URL, runId.replace(/-/g, '_'));
  await database.create();
  cleanup.push('drop database', () => database.drop());
  const kafka = createKafkaClient({ clientId: 'bench-cleanup', brokers: config.KAFKA_BROKERS, logLevel: 'error' });
  cleanup.push('delete topics', async () => {
    const { topics } = await deleteByPrefix(kafka, prefix);
    log(`deleted ${topics} topics ${prefix}*, database ${database.name}`);
  });

  const env = {
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_ACCOUNT_PARTITIONS: String(plan.partitions),
    DATABASE_URL: database.url,
    LOG_LEVEL: 'warn',
    KAFKA_LOG_LEVEL: 'error',
    MARKET_DATA_INTERVAL_MS: String(plan.marketDataIntervalMs),
    // the paper venue stands for a broker here: no per-broker throttle in front of it
    EXECUTION_RATE_PER_SECOND: '100000',
    EXECUTION_RATE_BURST: '100000',
  };
  log(`starting the all-in-one process (topics ${prefix}*, database ${database.name})`);
  mkdirSync(join(REPO_ROOT, '.bench'), { recursive: true });
  const system = await AllInOneProcess.start(env, plan.symbols, SYSTEM_LOG);
  cleanup.push('stop all-in-one', () => system.stop());
  log('starting the two-hop baseline');
  const twoHop = await KafkaTwoHopBaseline.start({ brokers: config.KAFKA_BROKERS, prefix, partitions: plan.partitions, timeoutMs: plan.requestTimeoutMs, payloadBytes: 600 });
  cleanup.push('stop two-hop baseline', () => twoHop.stop());

  const baselineSteps = new BaselineSteps(twoHop, plan);
  const provisioner = new AccountProvisioner({ env, cash: plan.cash, limits: plan.limits });
  const orderSteps = new OrderSteps(system, provisioner, plan, runId);
  // before every step: the system must still run, and be idle (the previous step's backlog drained)
  const prepared = (step: Step): Step => async (...args) => {
    if (!system.running) throw new Error(`the all-in-one process exited:\n${system.output().slice(-3_000)}`);
    const quiesce = await waitUntilIdle([system.pid, twoHop.responderPid], plan.quiesce);
    if (quiesce.waitedMs > 2 * plan.quiesce.windowMs) log(`waited ${(quiesce.waitedMs / 1000).toFixed(0)} s for the processes to go idle${quiesce.idle ? '' : ' (they did not)'}`);
    return { ...(await step(...args)), quiesce };
  };
  const runBaseline = prepared((...args) => baselineSteps.run(...args));
  const runOrders = prepared((...args) => orderSteps.run(...args));

  // one-off warm-up of both pipelines (first transactions, JIT of the order path), not reported
  log('warm-up (not measured)');
  await runBaseline(plan.warmupRate, 'fixed', plan.warmupMs, 0);
  await runOrders(plan.warmupRate, 'fixed', plan.warmupMs, 0);

  const baseline: StepResult[] = [];
  const orders: StepResult[] = [];
  const fills: FillStepResult[] = [];
  let incomplete: string | null = null;
  try {
    for (const rate of plan.rates) {
      baseline.push(await runBaseline(rate, 'fixed', plan.warmupMs, plan.measureMs));
      orders.push(await runOrders(rate, 'fixed', plan.warmupMs, plan.measureMs));
    }
    await search(baseline, runBaseline, plan.baselineSearch, plan);
    await search(orders, runOrders, plan.orderSearch, plan);
    const observer = await FillObserver.start(config.KAFKA_BROKERS, `${prefix}trading.order-events`);
    cleanup.push('stop fill observer', () => observer.stop());
    const fillSteps = new FillSteps(system, provisioner, observer, plan, runId);
    for (const rate of plan.fillRates) {
      if (!system.running) throw new Error(`the all-in-one process exited:\n${system.output().slice(-3_000)}`);
      await waitUntilIdle([system.pid], plan.quiesce);
      fills.push(await fillSteps.run(rate, plan.warmupMs, plan.measureMs));
    }
  } catch (error) {
    // report what was measured, marked incomplete, rather than nothing
    incomplete = error instanceof Error ? error.message : String(error);
    log(`a step could not run, the report is incomplete: ${incomplete}`);
  }
  const verdicts = (steps: readonly StepResult[], policy: RateSearchPolicy): RateSearchResult =>
    searchResult(new Map(steps.map((s) => [s.offeredRate, s.sustained])), policy);

  const memory = {
    allInOneVmHwmMiB: peakRssMiB(system.pid) ?? null,
    driverVmHwmMiB: peakRssMiB('self') ?? null,
    responderVmHwmMiB: peakRssMiB(twoHop.responderPid) ?? null,
  };
  const report = buildReport({
    startedAt,
    build,
    machineStart,
    machineEnd: machineSnapshot(),
    plan,
    topicPrefix: prefix,
    baselineSteps: baseline,
    baselineMax: verdicts(baseline, plan.baselineSearch),
    orderSteps: orders,
    orderMax: verdicts(orders, plan.orderSearch),
    fillSteps: fills,
    memory,
    incomplete,
  });
  writeFileSync(REPORT_PATH, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(reportText(report, '.bench/order-ack.json'));
  return incomplete === null ? 0 : 1;
}

/** Steps past the fixed rates until the max sustained rate is pinned down (see `nextRate`). */
async function search(steps: StepResult[], run: Step, policy: RateSearchPolicy, plan: BenchPlan): Promise<void> {
  for (let extra = 0; extra < policy.maxExtraSteps; extra += 1) {
    const rate = nextRate(new Map(steps.map((s) => [s.offeredRate, s.sustained])), policy);
    if (rate === null) break;
    steps.push(await run(rate, 'search', plan.searchWarmupMs, plan.searchMeasureMs));
  }
}

const cleanup = new CleanupStack();
cleanup.exitOnSignals();
void main(cleanup)
  .then(
    (code) => code,
    (error: unknown) => {
      log(`could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      log(`the all-in-one process's output (if it started): ${SYSTEM_LOG}`);
      return 1;
    },
  )
  .then(async (code) => {
    await cleanup.run();
    process.exit(code);
  });
