import { ArchiveResults } from '../archive/archive-steps';
import { CpuUse } from '../system/cpu-meter';
import { BenchReport, ms, ReadSideFigure } from './bench-report';
import { count, mib, pct, table } from './text-table';

const cpuCells = (cpu: CpuUse): string[] => [pct(cpu.systemPct), pct(cpu.driverPct), pct(cpu.restPct), pct(cpu.machineBusyPct), cpu.loadAverage1m.toFixed(2)];
const CPU_HEADER = ['aio CPU', 'drv CPU', 'rest CPU', 'machine', 'load 1m'];

const FIGURE_NAMES: Readonly<Record<ReadSideFigure['figure'], string>> = {
  ack: 'ack (POST -> decision)',
  submit_to_fill: 'submit -> fill on the log',
  projection_postgres: 'projection lag PostgreSQL',
  projection_dynamodb: 'projection lag DynamoDB',
  sse_fill: 'submit -> fill over SSE',
};

/** Read side: the steps, then every latency figure by rate with the baseline and the ratio. */
export function readSideSection(report: BenchReport): string[] {
  const { steps, figures } = report.readSide;
  const { plan } = report;
  return [
    'READ SIDE at steady rates (market orders of 1 share through the paper exchange; one SSE connection per account; no target in issues 4 and 5: reported)',
    ...table(
      ['rate/s', 'accts', 'sent', 'accepted', 'filled', 'fills/s', 'PG seen', 'DDB seen', 'SSE fills', ...CPU_HEADER],
      steps.map((s) => [
        String(s.offeredRate),
        String(s.accounts),
        String(s.sent),
        String(s.accepted),
        String(s.filled),
        s.fillsPerSecond.toFixed(0),
        ...s.projections.map((p) => `${p.seen}/${p.expected}`),
        `${s.accepted - s.sseFillsMissing}/${s.accepted}`,
        ...cpuCells(s.cpu),
      ]),
    ),
    ...table(
      ['figure', 'rate/s', 'p50', 'p99', 'n', 'baseline p99', 'p99/baseline'],
      figures.map((f) => [FIGURE_NAMES[f.figure], String(f.rate), ms(f.p50Ms ?? NaN), ms(f.p99Ms ?? NaN), String(f.count), ms(f.baselineP99Ms ?? NaN), f.ratio === null ? 'n/a' : `${f.ratio.toFixed(1)}x`]),
    ),
    `  (latency from handing the POST to the HTTP client; projection lag = to the first poll that saw the account's stream at the decision's seq in projection_streams (PostgreSQL, every ${plan.projectionPollMs.postgres} ms) / the ACCOUNT item's lastSeq (DynamoDB, strongly consistent, every ${plan.projectionPollMs.dynamodb} ms): late by at most one poll plus one query;`,
    `   poll query p50 ${(steps[steps.length - 1]?.projections ?? []).map((p) => `${p.store} ${ms(p.queryMs?.p50 ?? NaN)}`).join(', ') || 'n/a'}; baseline = the same run's two-hop round trip at the same rate)`,
    `max fills/s observed: ${steps.length === 0 ? 'n/a' : Math.max(...steps.map((f) => f.fillsPerSecond)).toFixed(0)} (liquidity: a quote every ${plan.marketDataIntervalMs} ms per symbol, up to 10 shares a side)`,
  ];
}

/** SSE connections held by the all-in-one process, level by level. */
export function sseSection(report: BenchReport): string[] {
  const { sse, plan } = report;
  const limit = sse.openFileLimit;
  return [
    `SSE CONNECTIONS one gateway process holds (target: 10,000 with updates delivered within ${plan.sse.p99TargetMs} ms p99)`,
    `  ${plan.sse.accounts} accounts, connections spread evenly; ${plan.sse.orderRate} market orders/s to ${plan.sse.hotAccounts} of them for ${plan.sse.warmupMs / 1000} + ${plan.sse.measureMs / 1000} s; every update to every connection of those accounts is timed`,
    ...table(
      ['conns', 'held', 'dropped', 'open s', 'updates', 'delivered', 'p50', 'p99', 'max', 'visible p99', 'spread p99', 'POST->fill p99', 'aio fds', 'aio VmHWM', ...CPU_HEADER, 'ok?'],
      sse.levels.map((l) => [
        count(l.connections),
        count(l.held),
        String(l.dropped),
        l.openS.toFixed(1),
        String(l.updates),
        `${l.deliveries}/${l.expectedDeliveries}`,
        ms(l.deliveryMs?.p50 ?? NaN),
        ms(l.deliveryMs?.p99 ?? NaN),
        ms(l.deliveryMs?.max ?? NaN),
        ms(l.fromVisibleMs?.p99 ?? NaN),
        ms(l.fanOutSpreadMs?.p99 ?? NaN),
        ms(l.postToFillMs?.p99 ?? NaN),
        l.systemFds === null ? 'n/a' : String(l.systemFds),
        mib(l.systemVmHwmMiB),
        ...cpuCells(l.cpu),
        l.withinTarget ? 'yes' : 'no',
      ]),
    ),
    '  (delivery p50/p99/max = Kafka record time of the order event (the OMS appended it) -> the frame complete at the client, judged against the target; visible = the bench\'s own read-committed consumer saw the event -> the client (notifier, Redis, fan-out only);',
    '   spread = arrival minus the first arrival of the same update on the account\'s connections; POST->fill = over every connection of the ordering account)',
    `largest connection count within the target: ${sse.maxConnectionsWithinTarget === null ? 'none of the levels tried' : count(sse.maxConnectionsWithinTarget)}; ulimit -n: soft ${limit.soft ?? 'unlimited'}, hard ${limit.hard ?? 'unlimited'} (the all-in-one process inherits it)`,
  ];
}

/** Archive throughput, size and replay speed. */
export function archiveSection(archive: ArchiveResults | null, replayTarget: number): string[] {
  if (archive === null) return ['AUDIT ARCHIVE: not measured'];
  const { burst, size, replay } = archive;
  const lines = [`AUDIT ARCHIVE (the all-in-one process's archiver, zstd Parquet to S3 under ${archive.prefix}/)`];
  lines.push(
    burst === null
      ? '  throughput: not measured'
      : `  throughput: ${burst.eventsPerSecond === null ? 'n/a (not archived in time)' : `${count(burst.eventsPerSecond)} events/s`} - ${count(burst.events)} records (a burst of ${count(burst.burstEvents)} quotes plus the simulator's) on ${burst.topic} (${burst.partitions} partitions): produced in ${burst.produceS.toFixed(2)} s (${count(burst.producedPerSecond)}/s), manifests covering the log end ${burst.archivedS === null ? 'n/a' : `${burst.archivedS.toFixed(2)} s`} after the first send (${burst.lagAfterBurstS === null ? 'n/a' : `${burst.lagAfterBurstS.toFixed(2)} s`} after the last; a partial file waits up to ARCHIVE_FLUSH_MS=${burst.flushMs} ms); no target in issue 6`,
  );
  if (burst !== null) lines.push(`  throughput CPU: aio ${pct(burst.cpu.systemPct)}, driver ${pct(burst.cpu.driverPct)}, rest ${pct(burst.cpu.restPct)}, machine ${pct(burst.cpu.machineBusyPct)}, load ${burst.cpu.loadAverage1m.toFixed(2)}`);
  if (size === null) lines.push('  size: not measured');
  else {
    lines.push(
      `  size: ${count(size.records)} archived records, Parquet ${size.parquetBytesPerEvent?.toFixed(1) ?? 'n/a'} bytes/event vs JSON lines ${size.jsonLinesBytesPerEvent?.toFixed(1) ?? 'n/a'} bytes/event: ${size.compressionRatio?.toFixed(2) ?? 'n/a'}x smaller`,
      ...table(
        ['topic', 'records', 'files', 'Parquet B/event', 'JSON lines B/event', 'ratio'],
        size.topics.map((t) => [t.topic, count(t.records), String(t.files), (t.parquetBytes / Math.max(1, t.records)).toFixed(1), (t.jsonLinesBytes / Math.max(1, t.records)).toFixed(1), t.parquetBytes > 0 ? `${(t.jsonLinesBytes / t.parquetBytes).toFixed(2)}x` : 'n/a']),
      ),
    );
  }
  if (replay === null) lines.push('  replay: not measured');
  else {
    const rate = (v: number | null): string => (v === null ? 'n/a' : `${count(v)} events/s`);
    lines.push(
      `  replay (node dist/apps/replay/src/main.js --json --no-progress, target ${count(replayTarget)} events/s): ${rate(replay.eventsPerSecondAfterStartup)} without start-up, ${rate(replay.eventsPerSecond)} with it`,
      `    ${count(replay.events)} archived order events -> ${replay.run.orders ?? 'n/a'} orders, ${replay.run.positions ?? 'n/a'} positions in ${replay.run.wallS.toFixed(2)} s wall (CLI start-up alone, --help: ${replay.startup.wallS.toFixed(2)} s); CLI CPU ${replay.run.cpuS === null ? 'n/a' : `${replay.run.cpuS.toFixed(2)} s`}, VmHWM ${mib(replay.run.vmHwmMiB)}; machine ${pct(replay.cpu.machineBusyPct)}, load ${replay.cpu.loadAverage1m.toFixed(2)}`,
      replay.largeArchive === null
        ? '  replay over a large archive: not measured'
        : `  replay over a large archive (replay-bench, ${count(replay.largeArchive.events)} order events in files of 10,000 under ${replay.largeArchive.prefix}, the system under test stopped): ${count(replay.largeArchive.median)} events/s median (runs: ${replay.largeArchive.eventsPerSecond.map(count).join(', ')}), ${count(replay.largeArchive.medianPerCpuSecond)} events per CPU second`,
    );
  }
  return lines;
}
