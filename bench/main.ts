/**
 * `npm run bench`: one report for the whole system, on this machine: order acknowledgement latency
 * and max sustained orders/s next to a bare kafkajs two-hop baseline; the read side (projection
 * lag, submit -> fill -> SSE, SSE connections one process holds); the archive (throughput, size,
 * replay speed). Reports; never fails on a target (exit 1 only when it could not run, 130/143 on a signal).
 */
import { ArchiveStore } from '@trading/archive';
import { loadAppConfig } from '@trading/config';
import { createKafkaClient, TopicCatalogue } from '@trading/messaging';
import { createS3Client, s3SettingsOf, positionsTableDefinition } from '@trading/persistence';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccountProvisioner } from './accounts/account-provisioner';
import { ArchiveResults, runArchiveSteps } from './archive/archive-steps';
import { BaselineSteps } from './baseline/baseline-steps';
import { KafkaTwoHopBaseline } from './baseline/kafka-two-hop.baseline';
import { BenchPhase, benchPlan, BenchPlan } from './bench-plan';
import { nextRate, RateSearchPolicy, RateSearchResult, searchResult } from './driver/rate-search';
import { StepResult } from './driver/step-result';
import { FillObserver } from './fills/fill-observer';
import { BenchDatabase } from './lifecycle/bench-database';
import { buildIfNeeded } from './lifecycle/build-if-needed';
import { CleanupStack } from './lifecycle/cleanup-stack';
import { deleteByPrefix } from './lifecycle/kafka-cleanup';
import { deleteArchive, deleteDynamoTable, deleteRedisKeys } from './lifecycle/store-cleanup';
import { OrderClient } from './orders/order-client';
import { AckStagesRecorder } from './orders/ack-stages.recorder';
import { OrderSteps } from './orders/order-steps';
import { DynamoProgressProbe } from './readside/dynamo-progress.probe';
import { PostgresProgressProbe } from './readside/postgres-progress.probe';
import { ReadSideStepResult, ReadSideSteps } from './readside/read-side-steps';
import { VisibilityWatcher } from './readside/visibility-watcher';
import { buildReport } from './report/bench-report';
import { reportHtml } from './report/report-html';
import { reportText } from './report/report-text';
import { SseCapacityLevel, SseCapacitySteps } from './sse/sse-capacity-steps';
import { REPO_ROOT, runInherited } from './support/child-process';
import { log } from './support/log';
import { uniqueName } from './support/unique-name';
import { AllInOneProcess } from './system/all-in-one.process';
import { openFileLimit } from './system/file-descriptors';
import { machineSnapshot } from './system/machine-load';
import { peakRssMiB } from './system/process-stats';
import { measureIdleFloors, waitUntilIdle } from './system/quiesce';

const REPORT_PATH = join(REPO_ROOT, '.bench', 'order-ack.json');
const HTML_PATH = join(REPO_ROOT, '.bench', 'report.html');
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
  // the run's own positions table, archive prefix and Redis keys: nothing shared is written to
  const dynamoTablePrefix = `${runId}.`;
  const positionsTable = positionsTableDefinition(dynamoTablePrefix).TableName;
  const archivePrefix = `bench/${runId}`;
  const dynamo = { endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION };
  const s3 = createS3Client(s3SettingsOf(config));
  cleanup.push('delete the run\'s stores', async () => {
    const results = await Promise.allSettled([
      deleteArchive(s3, config.S3_BUCKET, archivePrefix),
      deleteDynamoTable(dynamo, positionsTable),
      deleteRedisKeys(config.REDIS_URL, prefix),
    ]);
    const [objects, , keys] = results;
    log(`deleted ${objects.status === 'fulfilled' ? objects.value : '?'} archive objects ${archivePrefix}/, table ${positionsTable}, ${keys.status === 'fulfilled' ? keys.value : '?'} Redis keys ${prefix}*`);
    for (const result of results) if (result.status === 'rejected') log(`clean-up: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`);
    s3.destroy();
  });

  const env = {
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_ACCOUNT_PARTITIONS: String(plan.partitions),
    DATABASE_URL: database.url,
    DYNAMODB_TABLE_PREFIX: dynamoTablePrefix,
    ARCHIVE_PREFIX: archivePrefix,
    ARCHIVE_FLUSH_MS: String(plan.archive.flushMs),
    ARCHIVE_OBJECT_LOCK_DAYS: '0',
    LOG_LEVEL: 'warn',
    KAFKA_LOG_LEVEL: 'error',
    MARKET_DATA_INTERVAL_MS: String(plan.marketDataIntervalMs),
    // the paper venue stands for a broker here: no per-broker throttle in front of it
    EXECUTION_RATE_PER_SECOND: '100000',
    EXECUTION_RATE_BURST: '100000',
    // every SSE connection is one request of its account
    GATEWAY_RATE_LIMIT_PER_MINUTE: String(plan.gatewayRateLimitPerMinute),
  };
  log(`starting the all-in-one process (topics ${prefix}*, database ${database.name})`);
  mkdirSync(join(REPO_ROOT, '.bench'), { recursive: true });
  const system = await AllInOneProcess.start(env, plan.symbols, SYSTEM_LOG);
  cleanup.push('stop all-in-one', () => system.stop());
  log('starting the two-hop baseline');
  const twoHop = await KafkaTwoHopBaseline.start({ brokers: config.KAFKA_BROKERS, prefix, partitions: plan.partitions, timeoutMs: plan.requestTimeoutMs, payloadBytes: 600 });
  cleanup.push('stop two-hop baseline', () => twoHop.stop());

  const floors = await measureIdleFloors([system.pid, twoHop.responderPid], 3_000);
  log(`idle CPU before any load: all-in-one ${floors.get(system.pid)?.toFixed(0) ?? '?'} %, two-hop responder ${floors.get(twoHop.responderPid)?.toFixed(0) ?? '?'} %`);
  const baselineSteps = new BaselineSteps(twoHop, plan);
  const provisioner = new AccountProvisioner({ env, cash: plan.cash, limits: plan.limits });
  const ackStages = await AckStagesRecorder.start(config.KAFKA_BROKERS, { commands: `${prefix}trading.commands`, orderEvents: `${prefix}trading.order-events` });
  cleanup.push('stop the acknowledgement stage recorder', () => ackStages.stop());
  const orderSteps = new OrderSteps(system, provisioner, plan, runId, ackStages);
  // before every step: the system must still run, and be idle (the previous step's backlog drained)
  const prepared = (step: Step): Step => async (...args) => {
    if (!system.running) throw new Error(`the all-in-one process exited:\n${system.output().slice(-3_000)}`);
    const quiesce = await waitUntilIdle([system.pid, twoHop.responderPid], plan.quiesce, floors);
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
  const readSide: ReadSideStepResult[] = [];
  const readSideBaseline: StepResult[] = [];
  const sseLevels: SseCapacityLevel[] = [];
  let archive: ArchiveResults | null = null;
  const incomplete: string[] = [];
  const phasesNotRun: string[] = [];
  const phase = async (key: BenchPhase, name: string, work: () => Promise<void>): Promise<void> => {
    if (!plan.phases.has(key)) {
      phasesNotRun.push(name);
      return;
    }
    try {
      if (!system.running) throw new Error(`the all-in-one process exited:\n${system.output().slice(-3_000)}`);
      await work();
    } catch (error) {
      // report what was measured, marked incomplete, rather than nothing
      const reason = `${name}: ${error instanceof Error ? error.message : String(error)}`;
      incomplete.push(reason);
      log(`a step could not run, the report is incomplete: ${reason}`);
    }
  };
  await phase('orders', 'order acknowledgement', async () => {
    for (const rate of plan.rates) {
      baseline.push(await runBaseline(rate, 'fixed', plan.warmupMs, plan.measureMs));
      orders.push(await runOrders(rate, 'fixed', plan.warmupMs, plan.measureMs));
    }
    await search(baseline, runBaseline, plan.baselineSearch, plan);
    await search(orders, runOrders, plan.orderSearch, plan);
  });

  const observer = await FillObserver.start(config.KAFKA_BROKERS, `${prefix}trading.order-events`);
  cleanup.push('stop order-events observer', () => observer.stop());
  await phase('read-side', 'read side', async () => {
    const postgres = new VisibilityWatcher(await PostgresProgressProbe.connect(database.url), plan.projectionPollMs.postgres);
    const dynamodb = new VisibilityWatcher(new DynamoProgressProbe(dynamo, positionsTable), plan.projectionPollMs.dynamodb);
    postgres.start();
    dynamodb.start();
    try {
      const steps = new ReadSideSteps(system, provisioner, observer, [postgres, dynamodb], plan, runId);
      for (const rate of plan.fillRates) {
        // the same run's baseline at this rate, if the fixed steps did not measure it
        if (!baseline.some((s) => s.phase === 'fixed' && s.offeredRate === rate)) readSideBaseline.push(await runBaseline(rate, 'fixed', plan.warmupMs, plan.measureMs));
        if (!system.running) throw new Error(`the all-in-one process exited:\n${system.output().slice(-3_000)}`);
        await waitUntilIdle([system.pid], plan.quiesce, floors);
        readSide.push(await steps.run(rate, plan.warmupMs, plan.measureMs));
      }
    } finally {
      await Promise.allSettled([postgres.stop(), dynamodb.stop()]);
    }
  });

  await phase('sse', 'SSE connections', async () => {
    const levels = plan.sse.levels;
    if (levels.length === 0) return;
    log(`sse: opening ${plan.sse.accounts} accounts for up to ${Math.max(...levels)} connections`);
    const accounts = await provisioner.open(plan.sse.accounts);
    const client = new OrderClient({ baseUrl: system.baseUrl, decisionTimeoutMs: plan.decisionTimeoutMs, requestTimeoutMs: plan.requestTimeoutMs });
    const capacity = new SseCapacitySteps(system, observer, plan.sse, accounts, plan.symbols, runId);
    try {
      for (const account of accounts) await client.touch(account);
      for (const connections of levels) {
        if (!system.running) throw new Error(`the all-in-one process exited:\n${system.output().slice(-3_000)}`);
        await waitUntilIdle([system.pid], plan.quiesce, floors);
        // the keys' verification is cached 30 s: touch them again so opening does not re-run scrypt
        for (const account of accounts) await client.touch(account);
        const level = await capacity.level(connections, client);
        sseLevels.push(level);
        if (level.held < connections * 0.9) break; // could not even hold them: larger levels would not either
      }
    } finally {
      capacity.close();
      client.close();
    }
  });

  // read before the archive phase stops the processes (their /proc entries go with them)
  const peaks: { system: number | null; responder: number | null } = { system: null, responder: null };
  await phase('archive', 'archive', async () => {
    await waitUntilIdle([system.pid], plan.quiesce, floors);
    const admin = kafka.admin();
    await admin.connect();
    try {
      archive = await runArchiveSteps(
        {
          brokers: config.KAFKA_BROKERS,
          admin,
          store: new ArchiveStore(s3, config.S3_BUCKET),
          archivePrefix,
          catalogue: TopicCatalogue.standard({ prefix, accountPartitions: plan.partitions }),
          systemPid: system.pid,
          env,
          stopSystem: async () => {
            peaks.system = peakRssMiB(system.pid) ?? null;
            peaks.responder = peakRssMiB(twoHop.responderPid) ?? null;
            await Promise.allSettled([system.stop(), twoHop.stop()]);
          },
        },
        plan.archive,
      );
    } finally {
      await admin.disconnect();
    }
  });
  const verdicts = (steps: readonly StepResult[], policy: RateSearchPolicy): RateSearchResult =>
    searchResult(new Map(steps.map((s) => [s.offeredRate, s.sustained])), policy);

  const archived = archive as ArchiveResults | null;
  const memory = {
    allInOneVmHwmMiB: peaks.system ?? peakRssMiB(system.pid) ?? null,
    driverVmHwmMiB: peakRssMiB('self') ?? null,
    responderVmHwmMiB: peaks.responder ?? peakRssMiB(twoHop.responderPid) ?? null,
    replayVmHwmMiB: archived?.replay?.run.vmHwmMiB ?? null,
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
    readSideSteps: readSide,
    readSideBaselineSteps: readSideBaseline,
    sseLevels,
    openFileLimit: openFileLimit('self'),
    archive: archived,
    memory,
    incomplete: incomplete.length === 0 ? null : incomplete,
    phasesNotRun,
  });
  writeFileSync(REPORT_PATH, `${JSON.stringify(report, jsonValue, 2)}\n`);
  const text = reportText(report, '.bench/order-ack.json', '.bench/report.html');
  writeFileSync(HTML_PATH, reportHtml(report, text));
  process.stdout.write(text);
  return incomplete.length === 0 ? 0 : 1;
}

/** bigint (Kafka offsets) as decimal strings in the JSON, sets (the plan's phases) as arrays. */
function jsonValue(_key: string, value: unknown): unknown {
  if (value instanceof Set) return [...(value as Set<unknown>)];
  return typeof value === 'bigint' ? value.toString() : value;
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
