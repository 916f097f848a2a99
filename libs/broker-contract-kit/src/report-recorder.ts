import { BrokerAdapter, BrokerExecutionReport, BrokerFill, Unsubscribe } from '@trading/broker-sdk';

type Report = BrokerExecutionReport;

export const isFill = (report: Report): report is BrokerFill => report.kind === 'fill' || report.kind === 'partial_fill';

/**
 * Records every report an adapter emits, from the moment it is created, and waits for the ones a
 * test expects. A wait that times out fails naming what it waited for and what did arrive.
 */
export class ReportRecorder {
  private readonly recorded: Report[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly unsubscribe: Unsubscribe;
  private lastArrival = 0;

  constructor(
    adapter: BrokerAdapter,
    private readonly timeoutMs = 5000,
  ) {
    this.unsubscribe = adapter.onReport((report) => {
      this.recorded.push(report);
      this.lastArrival = this.recorded.length;
      for (const wake of [...this.waiters]) wake();
    });
  }

  /** Every report so far, in arrival order (repeats included). */
  get reports(): readonly Report[] {
    return [...this.recorded];
  }

  /** The reports of one order, in arrival order. */
  of(clientOrderId: string): readonly Report[] {
    return this.recorded.filter((report) => report.clientOrderId === clientOrderId);
  }

  /** Fill reports, of one order or of all, repeats included. */
  fills(clientOrderId?: string): readonly BrokerFill[] {
    return this.recorded.filter((r): r is BrokerFill => isFill(r) && (clientOrderId === undefined || r.clientOrderId === clientOrderId));
  }

  /** The first report, already recorded or still to come, that matches. */
  waitFor<R extends Report>(predicate: (report: Report) => report is R, description?: string): Promise<R>;
  waitFor(predicate: (report: Report) => boolean, description?: string): Promise<Report>;
  async waitFor(predicate: (report: Report) => boolean, description = 'a matching report'): Promise<Report> {
    let found: Report | undefined;
    await this.waitUntil((reports) => {
      found = reports.find(predicate);
      return found !== undefined;
    }, description);
    // waitUntil resolved only once `found` was set
    return found as Report;
  }

  /** Resolves once `condition` holds for the reports recorded so far. */
  waitUntil(condition: (reports: readonly Report[]) => boolean, description = 'a condition on the reports'): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!condition(this.recorded)) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`Timed out after ${this.timeoutMs} ms waiting for ${description}; recorded: ${this.describe()}`));
      }, this.timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Resolves once no report has arrived for `quietMs` (for "nothing more comes" checks), within the timeout. */
  async settle(quietMs: number): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const seen = this.lastArrival;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      if (this.lastArrival === seen || Date.now() > deadline) return;
    }
  }

  stop(): void {
    this.unsubscribe();
  }

  private describe(): string {
    if (this.recorded.length === 0) return 'nothing';
    return this.recorded.map((r) => `${r.clientOrderId}:${r.kind}`).join(', ');
  }
}
