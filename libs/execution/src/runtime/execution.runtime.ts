import { Logger } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import { BrokerExecutionReport } from '@trading/broker-sdk';
import { dec, isTerminal } from '@trading/domain';
import { ExecutionJournalEntry, isIntent } from '../journal/execution-journal.entries';
import { ExecutionJournalState } from '../journal/execution-journal.state';
import { toExecutionReport } from '../reports/execution-report.mapper';
import { BrokerDispatcher } from './broker-dispatcher';
import { ExecutionEffects } from './execution.program';
import { KnownOrders } from './known-orders';
import { OrderTelemetry } from './order-telemetry';
import { Reconciler } from './reconciler';
import { ReportPublisher } from './report.publisher';

const RECONCILE_RETRY_MS = 5000;

/**
 * Everything the execution service does outside the pure journal: sends committed intents, forwards
 * brokers' reports keyed by account, and reconciles each partition once it owns it.
 */
export class ExecutionRuntime implements ExecutionEffects {
  private readonly logger = new Logger(ExecutionRuntime.name);
  private readonly known = new KnownOrders();
  private readonly reconciled = new Set<number>();
  private readonly owners = new Set<number>();

  constructor(
    private readonly dispatcher: BrokerDispatcher,
    private readonly reconciler: Reconciler,
    private readonly reports: ReportPublisher,
    private readonly telemetry: OrderTelemetry = new OrderTelemetry(undefined),
    private readonly nowMs: () => number = Date.now,
  ) {}

  async committed(partition: number, entries: readonly ExecutionJournalEntry[]): Promise<void> {
    // sequential: a cancel must not overtake the submit of its order
    for (const entry of entries) {
      if (isIntent(entry)) {
        const { accountId, broker, correlationId } = entry;
        this.known.remember({ orderId: entry.orderId, accountId, broker, correlationId, partition });
        if (entry.type === 'BrokerReplaceIntended') {
          this.known.remember({ orderId: entry.request.replacement.clientOrderId, accountId, broker, correlationId, partition });
        }
        const sent = entry.type === 'BrokerSubmitIntended' ? entry.order : entry.type === 'BrokerReplaceIntended' ? entry.request.replacement : null;
        if (sent) this.telemetry.watch(sent.clientOrderId, { broker, side: sent.side, intendedAtMs: Date.parse(entry.at), traceContext: context.active() });
        await this.dispatcher.perform(partition, entry);
      } else if (entry.type === 'OmsOrderStatusObserved' && isTerminal(entry.status)) {
        this.known.forget(entry.orderId);
      }
    }
  }

  owned(partition: number, state: ExecutionJournalState): void {
    this.owners.add(partition);
    this.reconcileOnce(partition, state).catch((error: unknown) => {
      // a broker down at takeover must not leave the partition unreconciled: try again while owned
      this.logger.error(`reconciling partition ${partition} failed, retrying in ${RECONCILE_RETRY_MS} ms: ${String(error)}`);
      setTimeout(() => {
        if (this.owners.has(partition)) this.owned(partition, state);
      }, RECONCILE_RETRY_MS).unref();
    });
  }

  /**
   * Settles the partition's in-flight intents, then reports what the brokers did while no one
   * listened. Once per ownership of the partition.
   */
  async reconcileOnce(partition: number, state: ExecutionJournalState): Promise<void> {
    if (this.reconciled.has(partition)) return;
    this.reconciled.add(partition);
    try {
      this.known.rememberAll(partition, state.orders.values());
      for (const order of state.orders.values()) {
        const filled = dec(order.filledQty).gt(0);
        this.telemetry.watch(order.orderId, { broker: order.broker, side: order.side, intendedAtMs: Date.parse(order.intendedAt), traceContext: undefined, filled });
      }
      for (const { intent } of state.inFlight.values()) await this.dispatcher.resolve(partition, intent);
      await this.reconciler.reconcile([...state.orders.values()]);
    } catch (error) {
      this.reconciled.delete(partition); // the next takeover of the partition tries again
      throw error;
    }
    this.logger.log(`partition ${partition} reconciled: ${state.orders.size} open orders, ${state.inFlight.size} in flight`);
  }

  released(partition: number): void {
    this.owners.delete(partition);
    this.reconciled.delete(partition);
    this.known.forgetPartition(partition);
    this.dispatcher.releasePartition(partition);
  }

  isReconciled(partition: number): boolean {
    return this.reconciled.has(partition);
  }

  /** A broker's report, to the executions topic keyed by the order's account. */
  async forward(broker: string, report: BrokerExecutionReport): Promise<void> {
    const order = this.known.get(report.clientOrderId);
    if (!order) {
      // not ours, or of a partition another instance owns: its reconciliation reports it
      this.logger.warn(`report ${report.kind} from ${broker} for unknown order ${report.clientOrderId} dropped`);
      return;
    }
    const traceContext = this.telemetry.reported(broker, report, this.nowMs());
    await this.reports.publish(order.accountId, order.correlationId, toExecutionReport(report), traceContext ?? context.active());
  }
}
