import { performance } from 'node:perf_hooks';
import { AccountProvisioner } from '../accounts/account-provisioner';
import { BenchAccount } from '../accounts/bench-account';
import { BenchPlan } from '../bench-plan';
import { FillObserver } from '../fills/fill-observer';
import { LatencyRecorder, LatencySummary } from '../driver/latency-recorder';
import { runOpenLoop } from '../driver/open-loop-driver';
import { OrderClient } from '../orders/order-client';
import { SseFleet } from '../sse/sse-fleet';
import { orderIdOfUpdate } from '../sse/trade-update';
import { log } from '../support/log';
import { sleep } from '../support/sleep';
import { AllInOneProcess } from '../system/all-in-one.process';
import { CpuUse, startCpuMeter } from '../system/cpu-meter';
import { VisibilityWatcher } from './visibility-watcher';

/** How soon accepted orders became visible in one read model. */
export interface ProjectionLag {
  readonly store: string;
  /** From handing the POST to the HTTP client to the first poll that saw the account's stream at the decision's seq. */
  readonly lagMs: LatencySummary | null;
  /** Accepted orders (with a consistency token) measured, and how many were seen before the drain ended. */
  readonly expected: number;
  readonly seen: number;
  readonly pollIntervalMs: number;
  /** How long one poll took: the lag is late by at most one interval plus one of these. */
  readonly queryMs: LatencySummary | null;
}

/** One steady rate of market orders with everything a trader would see of them. */
export interface ReadSideStepResult {
  readonly offeredRate: number;
  readonly measureMs: number;
  readonly accounts: number;
  /** Orders sent in the measured window, accepted by the OMS, and filled within the drain. */
  readonly sent: number;
  readonly accepted: number;
  readonly filled: number;
  /** Fills of the orders sent in the measured window, over the span from the first to the last of them (at least the window). */
  readonly fillsPerSecond: number;
  /** POST -> the OMS decision in the HTTP response, for these market orders. */
  readonly ackMs: LatencySummary | null;
  /** From handing the order to the HTTP client to its `OrderFilled` on the log (read committed). */
  readonly submitToFillMs: LatencySummary | null;
  readonly projections: readonly ProjectionLag[];
  /** POST -> the `fill` event on the account's SSE connection (one per account). */
  readonly sseFillMs: LatencySummary | null;
  /** Accepted orders whose `fill` never arrived over SSE within the drain. */
  readonly sseFillsMissing: number;
  readonly sseConnectionsDropped: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly cpu: CpuUse;
}

interface Sent {
  readonly t0: number;
}

/**
 * Market orders of one share at a steady rate, spread over the plan's symbols, each filled by the
 * paper exchange against the simulated quotes. Per accepted order it times: the answer; the fill on
 * the order-events log; the decision visible in PostgreSQL and in DynamoDB (the read models' own
 * progress rows, polled); and the `fill` over an SSE connection held open for each account.
 */
export class ReadSideSteps {
  private sequence = 0;

  constructor(
    private readonly system: AllInOneProcess,
    private readonly provisioner: AccountProvisioner,
    private readonly observer: FillObserver,
    private readonly watchers: readonly VisibilityWatcher[],
    private readonly plan: BenchPlan,
    private readonly runId: string,
  ) {}

  async run(rate: number, warmupMs: number, measureMs: number): Promise<ReadSideStepResult> {
    const orders = Math.round((rate * (warmupMs + measureMs)) / 1000);
    const accounts = await this.provisioner.open(Math.ceil(orders / this.plan.ordersPerAccount));
    const client = new OrderClient({ baseUrl: this.system.baseUrl, decisionTimeoutMs: this.plan.decisionTimeoutMs, requestTimeoutMs: this.plan.requestTimeoutMs });
    const sseFill = new Map<string, number>();
    const fleet = new SseFleet(this.system.baseUrl, ({ event }) => {
      if (event.event !== 'fill') return;
      const orderId = orderIdOfUpdate(event.data);
      if (orderId !== null && !sseFill.has(orderId)) sseFill.set(orderId, event.at);
    });
    const sent = new Map<string, Sent>();
    try {
      for (const account of accounts) await client.touch(account);
      const opened = await fleet.growTo(accounts.length, accounts, 8);
      if (opened.failed > 0) throw new Error(`could not open the SSE connections of the read-side step: ${opened.firstError ?? ''}`);
      log(`read side ${rate}/s: ${accounts.length} accounts with an SSE connection each, sending ${orders} market orders`);
      const start = performance.now();
      const windowStart = start + warmupMs;
      const meter = startCpuMeter(this.system.pid);
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
          const { outcome, orderId, seq } = await client.placeForId(account, body);
          if (orderId !== null && t0 >= windowStart) {
            sent.set(orderId, { t0 });
            if (seq !== null) for (const watcher of this.watchers) watcher.expect(orderId, account.accountId, seq);
          }
          return outcome;
        },
      });
      await this.drain(sent, sseFill, this.plan.fillDrainMs);
      const cpu = meter();
      const fill = new LatencyRecorder();
      const sse = new LatencyRecorder();
      let firstFill = Infinity;
      let lastFill = -Infinity;
      for (const [orderId, { t0 }] of sent) {
        const filledAt = this.observer.filled(orderId);
        if (filledAt !== undefined) {
          fill.record(filledAt - t0);
          firstFill = Math.min(firstFill, filledAt);
          lastFill = Math.max(lastFill, filledAt);
        }
        const deliveredAt = sseFill.get(orderId);
        if (deliveredAt !== undefined) sse.record(deliveredAt - t0);
      }
      const projections = this.watchers.map((watcher): ProjectionLag => {
        const lag = new LatencyRecorder();
        let expected = 0;
        for (const [orderId, { t0 }] of sent) {
          const at = watcher.visibleAt(orderId);
          expected += 1;
          if (at !== undefined) lag.record(at - t0);
        }
        watcher.clear();
        return { store: watcher.store, lagMs: lag.summary(), expected, seen: lag.count, pollIntervalMs: watcher.intervalMs, queryMs: watcher.querySummary() };
      });
      return {
        offeredRate: rate,
        measureMs,
        accounts: accounts.length,
        sent: loop.measured,
        accepted: sent.size,
        filled: fill.count,
        fillsPerSecond: fill.count === 0 ? 0 : fill.count / (Math.max(measureMs, lastFill - firstFill) / 1000),
        ackMs: loop.latencyMs,
        submitToFillMs: fill.summary(),
        projections,
        sseFillMs: sse.summary(),
        sseFillsMissing: sent.size - sse.count,
        sseConnectionsDropped: fleet.dropped,
        outcomes: loop.outcomes,
        cpu,
      };
    } finally {
      fleet.close();
      client.close();
    }
  }

  /** Until every accepted order is filled on the log, delivered over SSE and visible in both stores, or the timeout. */
  private async drain(sent: ReadonlyMap<string, Sent>, sseFill: ReadonlyMap<string, number>, timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      const done = [...sent.keys()].every((id) => this.observer.filled(id) !== undefined && sseFill.has(id) && this.watchers.every((w) => w.visibleAt(id) !== undefined));
      if (done) return;
      await sleep(100);
    }
  }
}
