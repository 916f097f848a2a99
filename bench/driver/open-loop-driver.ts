import { performance } from 'node:perf_hooks';
import { LatencyRecorder, LatencySummary } from './latency-recorder';

/** What one request came to. */
export interface Outcome {
  /** e.g. `accepted`, `refused`, `pending_new`, `error` */
  readonly kind: string;
  /** An answer arrived (its latency is recorded); false for errors and timeouts in the client. */
  readonly answered: boolean;
  /** Counts toward achieved throughput (a decision, a reply). */
  readonly served: boolean;
  /** Grouped in the result: a refusal code, an error message. */
  readonly detail?: string;
}

export interface OpenLoopOptions {
  /** Requests per second, sent on schedule whatever the answers do (open loop). */
  readonly rate: number;
  /** Sent but not measured: connections, caches, JIT and batches settle. */
  readonly warmupMs: number;
  readonly measureMs: number;
  /** How long to wait for answers after the last send before counting the rest as unfinished. */
  readonly drainTimeoutMs: number;
  readonly send: (index: number) => Promise<Outcome>;
  /**
   * Stop sending when this many requests are unanswered at once: the system has fallen so far
   * behind that the rest of the step would only pile up a backlog for the next ones.
   */
  readonly collapseInFlight: number;
}

export interface OpenLoopResult {
  readonly offeredRate: number;
  readonly measureMs: number;
  /** Requests scheduled in the measured window. */
  readonly measured: number;
  /** Served answers that arrived within the measured window, per second. */
  readonly achievedRate: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly details: Readonly<Record<string, number>>;
  /** From handing the request to the client library to its answer. */
  readonly latencyMs: LatencySummary | null;
  /** From the request's scheduled instant to its answer (includes the driver's own lag). */
  readonly latencyFromScheduleMs: LatencySummary | null;
  /** How late the driver sent requests against the schedule. */
  readonly sendLagMs: LatencySummary | null;
  /** Set when the step stopped early because too many requests were unanswered. */
  readonly collapsed: { readonly afterMs: number; readonly inFlight: number } | null;
}

/**
 * Sends `rate` requests a second for warm-up plus measure time, each at its scheduled instant
 * (late ones are sent at once, never skipped), and measures those scheduled after the warm-up.
 */
export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const interval = 1000 / options.rate;
  const total = Math.round((options.rate * (options.warmupMs + options.measureMs)) / 1000);
  const latency = new LatencyRecorder();
  const fromSchedule = new LatencyRecorder();
  const lag = new LatencyRecorder();
  const outcomes: Record<string, number> = {};
  const details: Record<string, number> = {};
  let measured = 0;
  let servedInWindow = 0;
  let unfinished = 0;
  const inFlight = new Set<Promise<void>>();
  let closed = false;
  let collapsed: OpenLoopResult['collapsed'] = null;

  const start = performance.now();
  const windowStart = start + options.warmupMs;
  const windowEnd = windowStart + options.measureMs;

  const fire = (index: number): void => {
    const scheduled = start + index * interval;
    const sentAt = performance.now();
    const isMeasured = scheduled >= windowStart;
    if (isMeasured) {
      measured += 1;
      unfinished += 1;
      lag.record(sentAt - scheduled);
    }
    const request = options
      .send(index)
      .catch((error: unknown): Outcome => ({ kind: 'error', answered: false, served: false, detail: error instanceof Error ? error.message : String(error) }))
      .then((outcome) => {
        if (closed) return; // answered after the drain: already counted as unfinished
        const doneAt = performance.now();
        if (outcome.served && doneAt >= windowStart && doneAt <= windowEnd) servedInWindow += 1;
        if (!isMeasured) return;
        unfinished -= 1;
        outcomes[outcome.kind] = (outcomes[outcome.kind] ?? 0) + 1;
        if (outcome.detail !== undefined) details[outcome.detail] = (details[outcome.detail] ?? 0) + 1;
        if (outcome.answered) {
          latency.record(doneAt - sentAt);
          fromSchedule.record(doneAt - scheduled);
        }
      });
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
  };

  await new Promise<void>((resolve) => {
    let next = 0;
    const tick = (): void => {
      const now = performance.now();
      while (next < total && start + next * interval <= now) {
        if (inFlight.size >= options.collapseInFlight) {
          collapsed = { afterMs: now - start, inFlight: inFlight.size };
          resolve();
          return;
        }
        fire(next);
        next += 1;
      }
      if (next >= total) resolve();
      else setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
    };
    tick();
  });
  let drainTimer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(inFlight), new Promise((resolve) => (drainTimer = setTimeout(resolve, options.drainTimeoutMs)))]);
  clearTimeout(drainTimer);
  closed = true;
  if (unfinished > 0) outcomes.unfinished = unfinished;

  return {
    offeredRate: options.rate,
    measureMs: options.measureMs,
    measured,
    achievedRate: options.measureMs > 0 ? servedInWindow / (options.measureMs / 1000) : 0,
    outcomes: { ...outcomes },
    details: { ...details },
    latencyMs: latency.summary(),
    latencyFromScheduleMs: fromSchedule.summary(),
    sendLagMs: lag.summary(),
    collapsed,
  };
}
