import { performance } from 'node:perf_hooks';
import { LatencyRecorder, LatencySummary } from '../driver/latency-recorder';
import { log } from '../support/log';
import { sleep } from '../support/sleep';
import { ProgressProbe } from './progress-probe';

interface Expected {
  readonly key: string;
  readonly seq: number;
}

/**
 * Polls a read model (through its probe) for the accounts that have something outstanding, and
 * notes, per expected event, the end of the first poll that saw the account at or past its seq
 * (`performance.now()`). The lag it yields is late by at most one poll interval plus one query.
 */
export class VisibilityWatcher {
  private readonly pending = new Map<string, Expected[]>();
  private readonly seenAt = new Map<string, number>();
  private readonly queries = new LatencyRecorder();
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private failures = 0;

  constructor(
    private readonly probe: ProgressProbe,
    readonly intervalMs: number,
  ) {}

  get store(): string {
    return this.probe.store;
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Watch for `seq` of the account's stream; `key` names the expectation (an order id). */
  expect(key: string, accountId: string, seq: number): void {
    const list = this.pending.get(accountId) ?? [];
    list.push({ key, seq });
    this.pending.set(accountId, list);
  }

  visibleAt(key: string): number | undefined {
    return this.seenAt.get(key);
  }

  get outstanding(): number {
    let n = 0;
    for (const list of this.pending.values()) n += list.length;
    return n;
  }

  /** How long one poll's query took. */
  querySummary(): LatencySummary | null {
    return this.queries.summary();
  }

  /** Forgets what is still outstanding (the step is over). */
  clear(): void {
    this.pending.clear();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.probe.close();
  }

  private async run(): Promise<void> {
    while (this.running) {
      const started = performance.now();
      if (this.pending.size > 0) {
        try {
          const seqs = await this.probe.lastSeqs([...this.pending.keys()]);
          const at = performance.now();
          this.queries.record(at - started);
          for (const [accountId, last] of seqs) {
            const list = this.pending.get(accountId);
            if (list === undefined) continue;
            const left = list.filter((e) => {
              if (e.seq > last) return true;
              this.seenAt.set(e.key, at);
              return false;
            });
            if (left.length === 0) this.pending.delete(accountId);
            else this.pending.set(accountId, left);
          }
        } catch (error) {
          this.failures += 1;
          if (this.failures <= 3) log(`${this.probe.store} progress poll failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      await sleep(Math.max(1, this.intervalMs - (performance.now() - started)));
    }
  }
}
