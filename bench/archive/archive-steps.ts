import { ArchiveStore } from '@trading/archive';
import { TopicCatalogue } from '@trading/messaging';
import { Admin } from 'kafkajs';
import { performance } from 'node:perf_hooks';
import { log } from '../support/log';
import { sleep } from '../support/sleep';
import { CpuUse, startCpuMeter } from '../system/cpu-meter';
import { archiveBurst, ArchiveBurstResult } from './archive-burst';
import { archivedThrough, covers, highWatermarks } from './archive-coverage';
import { archiveSize, ArchiveSize } from './archive-size';
import { LargeArchiveReplay, ReplayRun, timeLargeArchiveReplay, timeReplay } from './replay-timing';

export interface ArchivePlan {
  /** Quotes in the archive-throughput burst. */
  readonly burstEvents: number;
  /** ARCHIVE_FLUSH_MS the system runs with. */
  readonly flushMs: number;
  readonly replayTargetEventsPerS: number;
}

/** Replay speed: the compliance CLI folding the run's archived order events into state. */
export interface ReplaySpeed {
  /** Order events in the archive when the replay ran (what `replay` reads and folds). */
  readonly events: number;
  readonly run: ReplayRun;
  /** `replay --help`: node start-up and module loading, no archive read. */
  readonly startup: ReplayRun;
  /** events / wall time of the replay run. */
  readonly eventsPerSecond: number | null;
  /** events / (wall time - start-up): the archive read and fold alone. */
  readonly eventsPerSecondAfterStartup: number | null;
  /** The all-in-one process is idle meanwhile; this is mostly the CLI's own CPU. */
  readonly cpu: CpuUse;
  /** The same fold over a 100,000-event archive of large files; null when it could not run. */
  readonly largeArchive: LargeArchiveReplay | null;
}

export interface ArchiveResults {
  readonly prefix: string;
  readonly burst: ArchiveBurstResult | null;
  /** Whether the order-events topic was archived to its log end before size and replay were read. */
  readonly orderEventsCaughtUpS: number | null;
  readonly size: ArchiveSize | null;
  readonly replay: ReplaySpeed | null;
  readonly problems: readonly string[];
}

export interface ArchiveContext {
  readonly brokers: readonly string[];
  readonly admin: Admin;
  readonly store: ArchiveStore;
  readonly archivePrefix: string;
  readonly catalogue: TopicCatalogue;
  readonly systemPid: number;
  /** The environment of the run's processes: the replay CLI gets the same one. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Stops the system under test and the baseline before the large-archive replay, which reads S3
   * only, so that it is measured as compliance runs it: alone, not beside an idle trading system
   * polling Kafka on the same two cores.
   */
  readonly stopSystem?: () => Promise<void>;
}

/** The archive figures, in order: throughput on a burst, then size and replay over the whole run's archive. */
export async function runArchiveSteps(context: ArchiveContext, plan: ArchivePlan): Promise<ArchiveResults> {
  const problems: string[] = [];
  const attempt = async <T>(label: string, work: () => Promise<T>): Promise<T | null> => {
    try {
      return await work();
    } catch (error) {
      problems.push(`archive ${label}: ${error instanceof Error ? error.message : String(error)}`);
      log(`archive ${label} failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  };
  const timeoutMs = 3 * plan.flushMs + 60_000;
  const burst = await attempt('throughput', () =>
    archiveBurst({
      brokers: context.brokers,
      store: context.store,
      archivePrefix: context.archivePrefix,
      topic: context.catalogue.name('marketData'),
      events: plan.burstEvents,
      timeoutMs,
      systemPid: context.systemPid,
      flushMs: plan.flushMs,
    }),
  );
  if (burst !== null && burst.archivedS === null) problems.push(`archive throughput: the burst was not archived within ${Math.round(timeoutMs / 1000)} s`);

  // the replay reads the order events: wait until their every partition is archived to its end
  const orderEvents = context.catalogue.name('orderEvents');
  const caughtUp = await attempt('catch-up of the order events', async () => {
    const ends = await highWatermarks(context.admin, orderEvents);
    const started = performance.now();
    while (performance.now() - started < timeoutMs) {
      // the OMS writes in transactions: a partition's log ends in a commit marker, not a record
      if (covers(await archivedThrough(context.store, context.archivePrefix, orderEvents, [...ends.keys()]), ends, 1n)) return (performance.now() - started) / 1000;
      await sleep(250);
    }
    throw new Error(`not archived to the log end within ${Math.round(timeoutMs / 1000)} s; size and replay read what is there`);
  });

  log('archive: reading every archived file for the size comparison');
  const size = await attempt('size', () => archiveSize(context.store, context.archivePrefix));
  const events = size?.topics.find((t) => t.topic === orderEvents)?.records ?? 0;

  log(`archive: replay over ${events} archived order events`);
  const replay = await attempt('replay', async (): Promise<ReplaySpeed> => {
    const startup = await timeReplay(['--help'], context.env);
    const meter = startCpuMeter(context.systemPid);
    const run = await timeReplay(['--json', '--no-progress'], context.env);
    const cpu = meter({});
    if (run.exitCode !== 0) throw new Error(`replay exited ${String(run.exitCode)}: ${run.stderrTail}`);
    const work = run.wallS - startup.wallS;
    if (context.stopSystem) {
      log('archive: stopping the system under test and the baseline (the large-archive replay reads S3 only)');
      await context.stopSystem();
    }
    log('archive: replay over a 100,000-event archive (replay-bench, 3 runs)');
    const largeArchive = await attempt('replay of the large archive', () => timeLargeArchiveReplay(context.env, 3));
    return {
      largeArchive,
      events,
      run,
      startup,
      eventsPerSecond: run.wallS > 0 ? events / run.wallS : null,
      eventsPerSecondAfterStartup: work > 0 ? events / work : null,
      cpu,
    };
  });
  return { prefix: context.archivePrefix, burst, orderEventsCaughtUpS: caughtUp, size, replay, problems };
}
