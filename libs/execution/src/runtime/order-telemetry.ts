import { Context } from '@opentelemetry/api';
import { BrokerExecutionReport } from '@trading/broker-sdk';
import { OrderSide } from '@trading/domain';
import { TradingMetrics } from '@trading/observability';

interface WatchedOrder {
  readonly broker: string;
  readonly side: OrderSide;
  readonly intendedAtMs: number;
  /** The trace the order's intent was part of: its reports continue it. */
  readonly traceContext: Context | undefined;
  filled: boolean;
}

const TERMINAL: ReadonlySet<BrokerExecutionReport['kind']> = new Set(['fill', 'canceled', 'rejected', 'expired', 'replaced']);

/**
 * What the execution metrics need to know of the orders this process routes: the broker, the side
 * and when the intent was recorded (submit-to-fill latency, fills by side), and the trace the
 * reports belong to. Bounded: the oldest entries go first when an order never ends here.
 */
export class OrderTelemetry {
  private readonly orders = new Map<string, WatchedOrder>();

  constructor(
    private readonly metrics: TradingMetrics | undefined,
    private readonly maxOrders = 100_000,
  ) {}

  watch(orderId: string, order: Omit<WatchedOrder, 'filled'> & { readonly filled?: boolean }): void {
    if (this.orders.size >= this.maxOrders) {
      const oldest = this.orders.keys().next();
      if (!oldest.done) this.orders.delete(oldest.value);
    }
    this.orders.set(orderId, { ...order, filled: order.filled ?? false });
  }

  /** Counts a broker's report; returns the trace the report should continue, if known. */
  reported(broker: string, report: BrokerExecutionReport, nowMs: number): Context | undefined {
    const order = this.orders.get(report.clientOrderId);
    if (report.kind === 'fill' || report.kind === 'partial_fill') {
      this.metrics?.fills.inc({ broker, side: order?.side ?? 'unknown' });
      if (order && !order.filled) {
        order.filled = true;
        this.metrics?.submitToFill.observe({ broker }, Math.max(0, nowMs - order.intendedAtMs) / 1000);
      }
    }
    if (TERMINAL.has(report.kind)) this.orders.delete(report.clientOrderId);
    return order?.traceContext;
  }
}
