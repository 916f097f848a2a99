import { TradingMetrics } from '@trading/observability';
import { existsSync, writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { serveHost } from '../background-thread.protocol';
import { lowerThreadPriority } from '../thread-priority';

/** What the scripted thread does: the tests of `BackgroundThread` steer a real worker thread with it. */
export interface ScriptedBackground {
  readonly niceSteps?: number;
  /** Throws before it starts. */
  readonly failStart?: string;
  /** Crashes this long after it starts unless `survivedMarker` exists, which the crash creates. */
  readonly crashAfterMs?: number;
  readonly survivedMarker?: string;
  /** A readiness check of its own that is down. */
  readonly downCheck?: string;
  /** Its metrics cannot be read. */
  readonly failMetrics?: boolean;
}

const script = (workerData as { data: ScriptedBackground }).data;
if (script.failStart) throw new Error(script.failStart);
if (script.niceSteps !== undefined) lowerThreadPriority(script.niceSteps);
const metrics = new TradingMetrics({ processMetrics: false });
metrics.fills.inc({ broker: 'scripted', side: 'buy' }, 7);
if (script.crashAfterMs !== undefined && !(script.survivedMarker && existsSync(script.survivedMarker))) {
  setTimeout(() => {
    if (script.survivedMarker) writeFileSync(script.survivedMarker, 'crashed once');
    throw new Error('scripted crash');
  }, script.crashAfterMs);
}
if (!parentPort) throw new Error('not a worker thread');
serveHost(parentPort, {
  metrics: () => (script.failMetrics ? Promise.reject(new Error('a collect callback threw')) : metrics.snapshot()),
  readiness: async () =>
    script.downCheck
      ? { status: 'unavailable', checks: { [script.downCheck]: { status: 'down', error: 'store unreachable' } } }
      : { status: 'ok', checks: {} },
  close: async () => undefined,
});
