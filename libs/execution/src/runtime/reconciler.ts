import { Logger } from '@nestjs/common';
import { BrokerFill, BrokerOrderSnapshot } from '@trading/broker-sdk';
import { dec } from '@trading/domain';
import { TrackedOrder } from '../journal/execution-journal.state';
import { ExecutionReportBody, toExecutionReport } from '../reports/execution-report.mapper';
import { ResilientBroker } from '../resilience/resilient-broker';
import { ReportPublisher } from './report.publisher';

/** The broker could not answer everything reconciliation asks: it runs again later. */
export class ReconciliationIncompleteError extends Error {
  readonly code = 'EXECUTION.RECONCILIATION_INCOMPLETE';
  constructor(broker: string, reason: string) {
    super(`reconciliation with ${broker} incomplete: ${reason}`);
    this.name = 'ReconciliationIncompleteError';
  }
}

export interface ReconcilerOptions {
  /** Fills are fetched from the oldest open order's intent time minus this (clock skew margin). */
  readonly fillsLookbackMs: number;
}

/**
 * Brings the OMS up to date with the broker for the open orders of a partition, after a restart or
 * a takeover: what the broker did while no one listened is reported now. Acknowledgements, fills
 * beyond what the OMS has, and ends (canceled, expired, rejected, replaced) are published; a fill
 * published twice changes nothing (the OMS applies an execution id once).
 */
export class Reconciler {
  private readonly logger = new Logger(Reconciler.name);

  constructor(
    private readonly brokers: ReadonlyMap<string, ResilientBroker>,
    private readonly reports: ReportPublisher,
    private readonly options: ReconcilerOptions,
  ) {}

  async reconcile(orders: readonly TrackedOrder[]): Promise<void> {
    const byBroker = new Map<string, TrackedOrder[]>();
    for (const order of orders) byBroker.set(order.broker, [...(byBroker.get(order.broker) ?? []), order]);
    for (const [name, tracked] of byBroker) {
      const broker = this.brokers.get(name);
      if (!broker) {
        this.logger.error(`${tracked.length} open orders routed to ${name}, which has no adapter`);
        continue;
      }
      await this.reconcileBroker(broker, tracked);
    }
  }

  private async reconcileBroker(broker: ResilientBroker, tracked: readonly TrackedOrder[]): Promise<void> {
    const open = await broker.call((adapter) => adapter.openOrders());
    if (open.kind !== 'done') throw new ReconciliationIncompleteError(broker.name, `${open.code} ${open.reason}`);
    const working = new Map(open.value.map((snapshot) => [snapshot.order.clientOrderId, snapshot]));
    const oldest = Math.min(...tracked.map((order) => Date.parse(order.intendedAt)));
    const since = new Date(oldest - this.options.fillsLookbackMs).toISOString();
    let fills: readonly BrokerFill[] | undefined;
    let incomplete = false;
    for (const order of tracked) {
      const snapshot = working.get(order.orderId) ?? (await this.lookup(broker, order.orderId));
      if (snapshot === undefined) {
        incomplete = true; // the lookup failed: the next reconciliation asks again
        continue;
      }
      if (snapshot === null) {
        // acknowledged once, unknown now (a venue that lost its state): end it rather than leave it
        // working forever in the OMS; a pending_new one is the in-flight resolution's business
        if (order.status !== 'pending_new') {
          this.logger.warn(`${order.orderId} is ${order.status} in the OMS but unknown to ${broker.name}: reported canceled`);
          await this.reports.publish(order.accountId, order.correlationId, {
            kind: 'canceled',
            orderId: order.orderId,
            reason: `BROKER.ORDER_UNKNOWN: ${broker.name} does not know the order at reconciliation`,
          });
        }
        continue;
      }
      if (dec(snapshot.filledQty).gt(order.filledQty) && fills === undefined) {
        const fetched = await broker.call((adapter) => adapter.fills(since));
        if (fetched.kind !== 'done') throw new ReconciliationIncompleteError(broker.name, `fills: ${fetched.code} ${fetched.reason}`);
        fills = fetched.value;
      }
      for (const report of reportsFor(order, snapshot, fills ?? [])) {
        await this.reports.publish(order.accountId, order.correlationId, report);
      }
    }
    if (incomplete) throw new ReconciliationIncompleteError(broker.name, 'some orders could not be looked up');
  }

  /** The broker's snapshot, null if it does not know the order, undefined if it could not say. */
  private async lookup(broker: ResilientBroker, orderId: string): Promise<BrokerOrderSnapshot | null | undefined> {
    const found = await broker.call((adapter) => adapter.lookup(orderId));
    return found.kind === 'done' ? found.value : undefined;
  }
}

/** What the OMS has not heard yet about `order`, given the broker's snapshot and fills. */
export function reportsFor(order: TrackedOrder, snapshot: BrokerOrderSnapshot, fills: readonly BrokerFill[]): ExecutionReportBody[] {
  const reports: ExecutionReportBody[] = [];
  if (order.status === 'pending_new' && snapshot.state !== 'rejected') {
    reports.push({ kind: 'acknowledged', orderId: order.orderId, venueStatus: 'new' });
  }
  if (dec(snapshot.filledQty).gt(order.filledQty)) {
    reports.push(...fills.filter((fill) => fill.clientOrderId === order.orderId).map(toExecutionReport));
  }
  switch (snapshot.state) {
    case 'canceled':
    case 'rejected':
      reports.push({ kind: snapshot.state, orderId: order.orderId, reason: 'reconciled after restart' });
      break;
    case 'expired':
      reports.push({ kind: 'expired', orderId: order.orderId });
      break;
    case 'replaced':
      if (order.replacementOrderId !== null) {
        reports.push({ kind: 'replaced', orderId: order.orderId, replacementOrderId: order.replacementOrderId });
      }
      break;
    case 'working':
    case 'filled':
      break;
  }
  return reports;
}
