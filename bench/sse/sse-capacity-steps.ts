import { performance } from 'node:perf_hooks';
import { BenchAccount } from '../accounts/bench-account';
import { LatencyRecorder, LatencySummary } from '../driver/latency-recorder';
import { runOpenLoop } from '../driver/open-loop-driver';
import { FillObserver } from '../fills/fill-observer';
import { OrderClient } from '../orders/order-client';
import { log } from '../support/log';
import { sleep } from '../support/sleep';
import { AllInOneProcess } from '../system/all-in-one.process';
import { CpuUse, startCpuMeter } from '../system/cpu-meter';
import { openFileCount } from '../system/file-descriptors';
import { peakRssMiB } from '../system/process-stats';
import { FleetDelivery, SseFleet } from './sse-fleet';
import { orderIdOfUpdate, seqOfEventId } from './trade-update';

export interface SseCapacityPlan {
  /** Connection counts to hold, in order; each level adds connections to the previous one. */
  readonly levels: readonly number[];
  /** Accounts the connections are spread over (round-robin). */
  readonly accounts: number;
  /** Accounts that get orders at each level; their every connection should receive every update. */
  readonly hotAccounts: number;
  /** Market orders per second over the hot accounts. */
  readonly orderRate: number;
  readonly warmupMs: number;
  readonly measureMs: number;
  /** The target: p99 delivery latency at or under this. */
  readonly p99TargetMs: number;
  /** Handshakes in flight at once while opening connections. */
  readonly openConcurrency: number;
  readonly drainMs: number;
}

/** One connection count held by the all-in-one process while updates flow to some of them. */
export interface SseCapacityLevel {
  readonly connections: number;
  /** Connections open when the level was measured, and those that never opened. */
  readonly held: number;
  readonly failedToOpen: number;
  readonly firstOpenError: string | null;
  /** Connections the server ended during the level (slow-client drops, errors). */
  readonly dropped: number;
  readonly openS: number;
  readonly connectionsPerAccount: number;
  readonly ordersAccepted: number;
  /** Updates (account, seq) of the hot accounts appended in the measured window and seen on any connection. */
  readonly updates: number;
  /** Deliveries expected (each update x the account's connections) and those that arrived. */
  readonly expectedDeliveries: number;
  readonly deliveries: number;
  /** Kafka record time of the order event -> the frame complete at the client, over every delivery. */
  readonly deliveryMs: LatencySummary | null;
  /**
   * The bench's own read-committed consumer of the order events saw the event -> the frame at the
   * client: the notifier, Redis and the fan-out without the OMS's transaction; it can read low by
   * up to that consumer's fetch wait (20 ms).
   */
  readonly fromVisibleMs: LatencySummary | null;
  /** A delivery's arrival minus the first arrival of the same update at any connection of its account. */
  readonly fanOutSpreadMs: LatencySummary | null;
  /** POST -> `fill` event, over every connection of the ordering account. */
  readonly postToFillMs: LatencySummary | null;
  /** File descriptors held by the all-in-one process and the driver at the level's end. */
  readonly systemFds: number | null;
  readonly driverFds: number | null;
  readonly systemVmHwmMiB: number | null;
  readonly cpu: CpuUse;
  /** Every connection held, none dropped, every delivery arrived, p99 within the target. */
  readonly withinTarget: boolean;
}

/**
 * The number of concurrent SSE connections one gateway process holds with updates still delivered
 * in time: opens `levels` connections in turn over `accounts` accounts, and at each level sends
 * market orders to the hot accounts and times every delivery to every one of their connections.
 */
export class SseCapacitySteps {
  private sequence = 0;
  private readonly deliveries: FleetDelivery[] = [];
  private readonly fleet: SseFleet;
  private recording = false;

  constructor(
    private readonly system: AllInOneProcess,
    private readonly observer: FillObserver,
    private readonly plan: SseCapacityPlan,
    private readonly accounts: readonly BenchAccount[],
    private readonly symbols: readonly string[],
    private readonly runId: string,
  ) {
    const hot = new Set(accounts.slice(0, plan.hotAccounts).map((a) => a.accountId));
    this.fleet = new SseFleet(system.baseUrl, (delivery) => {
      if (this.recording && hot.has(delivery.accountId)) this.deliveries.push(delivery);
    });
  }

  async level(connections: number, orderClient: OrderClient): Promise<SseCapacityLevel> {
    const droppedBefore = this.fleet.dropped;
    const opening = performance.now();
    const opened = await this.fleet.growTo(connections, this.accounts, this.plan.openConcurrency);
    const openS = (performance.now() - opening) / 1000;
    log(`sse ${connections}: ${this.fleet.live} connections held (${opened.failed} failed to open) after ${openS.toFixed(1)} s; ${this.plan.orderRate} orders/s to ${this.plan.hotAccounts} accounts`);
    await sleep(1_000);
    const hot = this.accounts.slice(0, this.plan.hotAccounts);
    const sentAt = new Map<string, number>();
    this.deliveries.length = 0;
    this.recording = true;
    const meter = startCpuMeter(this.system.pid);
    const start = performance.now();
    const windowStartWall = performance.timeOrigin + start + this.plan.warmupMs;
    const windowEndWall = windowStartWall + this.plan.measureMs;
    const loop = await runOpenLoop({
      rate: this.plan.orderRate,
      warmupMs: this.plan.warmupMs,
      measureMs: this.plan.measureMs,
      drainTimeoutMs: 11_000,
      collapseInFlight: Math.max(100, this.plan.orderRate * 3),
      send: async (index) => {
        const account = hot[index % hot.length] as BenchAccount;
        const symbol = this.symbols[this.sequence % this.symbols.length] ?? 'AAPL';
        const body = { symbol, side: 'buy', type: 'market', time_in_force: 'day', qty: '1', client_order_id: `${this.runId}-s${this.sequence}` };
        this.sequence += 1;
        const t0 = performance.now();
        const { outcome, orderId } = await orderClient.placeForId(account, body);
        if (orderId !== null) sentAt.set(orderId, t0);
        return outcome;
      },
    });
    await this.drain(sentAt, connections);
    this.recording = false;
    const cpu = meter();

    const perAccount = new Map(hot.map((a) => [a.accountId, this.fleet.connectionsOf(a.accountId)]));
    // first arrival of each update, and which connections got it
    const firstAt = new Map<string, number>();
    const got = new Set<string>();
    const delivery = new LatencyRecorder();
    const fromVisible = new LatencyRecorder();
    const postToFill = new LatencyRecorder();
    const inWindow: { key: string; wallMs: number; at: number }[] = [];
    for (const { accountId, connection, event } of this.deliveries) {
      const seq = seqOfEventId(event.id);
      if (seq === null) continue;
      const appended = this.observer.appendedAt(accountId, seq);
      if (appended === undefined || appended < windowStartWall || appended > windowEndWall) continue;
      const key = `${accountId}:${event.id ?? ''}`;
      const once = `${key}#${connection}`;
      if (got.has(once)) continue;
      got.add(once);
      delivery.record(event.wallMs - appended);
      const visible = this.observer.seenAt(accountId, seq);
      if (visible !== undefined) fromVisible.record(event.at - visible);
      firstAt.set(key, Math.min(firstAt.get(key) ?? Infinity, event.at));
      inWindow.push({ key, wallMs: event.wallMs, at: event.at });
      if (event.event === 'fill') {
        const orderId = orderIdOfUpdate(event.data);
        const t0 = orderId === null ? undefined : sentAt.get(orderId);
        if (t0 !== undefined) postToFill.record(event.at - t0);
      }
    }
    const spread = new LatencyRecorder();
    for (const { key, at } of inWindow) spread.record(at - (firstAt.get(key) ?? at));
    let expected = 0;
    for (const key of firstAt.keys()) expected += perAccount.get(key.slice(0, key.indexOf(':'))) ?? 0;
    this.deliveries.length = 0;

    const deliveryMs = delivery.summary();
    const dropped = this.fleet.dropped - droppedBefore;
    const held = this.fleet.live;
    return {
      connections,
      held,
      failedToOpen: opened.failed,
      firstOpenError: opened.firstError,
      dropped,
      openS,
      connectionsPerAccount: connections / this.accounts.length,
      ordersAccepted: loop.outcomes.accepted ?? 0,
      updates: firstAt.size,
      expectedDeliveries: expected,
      deliveries: delivery.count,
      deliveryMs,
      fromVisibleMs: fromVisible.summary(),
      fanOutSpreadMs: spread.summary(),
      postToFillMs: postToFill.summary(),
      systemFds: openFileCount(this.system.pid) ?? null,
      driverFds: openFileCount('self') ?? null,
      systemVmHwmMiB: peakRssMiB(this.system.pid) ?? null,
      cpu,
      withinTarget: held >= connections && dropped === 0 && expected > 0 && delivery.count >= expected && deliveryMs !== null && deliveryMs.p99 <= this.plan.p99TargetMs,
    };
  }

  close(): void {
    this.fleet.close();
  }

  /** Until every accepted order's `fill` reached every connection of its account, or the drain timeout. */
  private async drain(sentAt: ReadonlyMap<string, number>, connections: number): Promise<void> {
    const perAccount = Math.floor(connections / this.accounts.length);
    const deadline = performance.now() + this.plan.drainMs;
    const fills = new Map<string, number>();
    let processed = 0;
    while (performance.now() < deadline) {
      for (; processed < this.deliveries.length; processed += 1) {
        const { event } = this.deliveries[processed] as FleetDelivery;
        if (event.event !== 'fill') continue;
        const orderId = orderIdOfUpdate(event.data);
        if (orderId !== null) fills.set(orderId, (fills.get(orderId) ?? 0) + 1);
      }
      if ([...sentAt.keys()].every((id) => (fills.get(id) ?? 0) >= perAccount)) return;
      await sleep(250);
    }
  }
}
