import { AccountProvisioner } from '../accounts/account-provisioner';
import { BenchAccount } from '../accounts/bench-account';
import { BenchPlan } from '../bench-plan';
import { LatencyRecorder, LatencySummary } from '../driver/latency-recorder';
import { runOpenLoop } from '../driver/open-loop-driver';
import { OrderClient } from '../orders/order-client';
import { log } from '../support/log';
import { sleep } from '../support/sleep';
import { AllInOneProcess } from '../system/all-in-one.process';
import { FillObserver } from './fill-observer';
import { performance } from 'node:perf_hooks';

/** Submit-to-fill through the paper exchange at one steady rate. */
export interface FillStepResult {
  readonly offeredRate: number;
  readonly measureMs: number;
  /** Orders sent in the measured window, accepted by the OMS, and filled within the drain. */
  readonly sent: number;
  readonly accepted: number;
  readonly filled: number;
  /** Final fills seen during the measured window, per second. */
  readonly fillsPerSecond: number;
  /** From handing the order to the HTTP client to its `OrderFilled` on the log (read committed). */
  readonly submitToFillMs: LatencySummary | null;
  readonly outcomes: Readonly<Record<string, number>>;
}

/**
 * Market orders of one share, spread over the plan's symbols, each filled by the paper exchange
 * against the simulated quotes; the fill is observed on the order-events log like any reader would.
 */
export class FillSteps {
  private sequence = 0;

  constructor(
    private readonly system: AllInOneProcess,
    private readonly provisioner: AccountProvisioner,
    private readonly observer: FillObserver,
    private readonly plan: BenchPlan,
    private readonly runId: string,
  ) {}

  async run(rate: number, warmupMs: number, measureMs: number): Promise<FillStepResult> {
    const orders = Math.round((rate * (warmupMs + measureMs)) / 1000);
    const accounts = await this.provisioner.open(Math.ceil(orders / this.plan.ordersPerAccount));
    const client = new OrderClient({ baseUrl: this.system.baseUrl, decisionTimeoutMs: this.plan.decisionTimeoutMs, requestTimeoutMs: this.plan.requestTimeoutMs });
    const sentAt = new Map<string, number>();
    const start = performance.now();
    const windowStart = start + warmupMs;
    const windowEnd = windowStart + measureMs;
    try {
      for (const account of accounts) await client.touch(account);
      log(`fills ${rate}/s: sending ${orders} market orders`);
      const loop = await runOpenLoop({
        rate,
        warmupMs,
        measureMs,
        drainTimeoutMs: this.plan.requestTimeoutMs + 1_000,
        collapseInFlight: Math.max(100, rate * this.plan.collapseBacklogS),
        send: async (index) => {
          const account = accounts[index % accounts.length] as BenchAccount;
          const symbol = this.plan.symbols[this.sequence % this.plan.symbols.length] ?? 'AAPL';
          const body = { symbol, side: 'buy', type: 'market', time_in_force: 'day', qty: '1', client_order_id: `${this.runId}-f${this.sequence}` };
          this.sequence += 1;
          const t0 = performance.now();
          const { outcome, orderId } = await client.placeForId(account, body);
          if (orderId !== null && t0 >= windowStart) sentAt.set(orderId, t0);
          return outcome;
        },
      });
      await this.drain(sentAt, this.plan.fillDrainMs);
      const latency = new LatencyRecorder();
      let inWindow = 0;
      for (const [orderId, t0] of sentAt) {
        const filledAt = this.observer.filled(orderId);
        if (filledAt === undefined) continue;
        latency.record(filledAt - t0);
        if (filledAt >= windowStart && filledAt <= windowEnd) inWindow += 1;
      }
      return {
        offeredRate: rate,
        measureMs,
        sent: loop.measured,
        accepted: sentAt.size,
        filled: latency.count,
        fillsPerSecond: inWindow / (measureMs / 1000),
        submitToFillMs: latency.summary(),
        outcomes: loop.outcomes,
      };
    } finally {
      client.close();
    }
  }

  private async drain(sentAt: ReadonlyMap<string, number>, timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if ([...sentAt.keys()].every((id) => this.observer.filled(id) !== undefined)) return;
      await sleep(100);
    }
  }
}
