import { ExecutionReport } from '../account-book/commands/execution-report';
import { Dec } from '../decimal';
import { OrderSide } from '../orders/order-values';

/**
 * A deliberately naive model of the order lifecycle for the model test: mutable, no decimals
 * formatting, no risk. It says what should happen to a broker report or a cancel/replace request;
 * the decider's decision must agree.
 */
export interface ModelOrder {
  readonly side: OrderSide;
  readonly qty: Dec | null;
  readonly replaces: string | null;
  filled: Dec;
  notional: Dec;
  readonly executionIds: Set<string>;
  venue: 'accepted' | 'new' | null;
  cancelPending: boolean;
  replacedBy: string | null;
  terminal: 'filled' | 'canceled' | 'expired' | 'replaced' | 'rejected' | null;
}

export type Outcome = 'accept' | 'reject' | 'nothing';

export class OrderLifecycleModel {
  readonly orders = new Map<string, ModelOrder>();
  cash = new Dec('100000');
  readonly positions = new Map<string, Dec>();

  add(orderId: string, side: OrderSide, qty: string | null, replaces: string | null): void {
    this.orders.set(orderId, {
      side, qty: qty === null ? null : new Dec(qty), replaces, filled: new Dec(0), notional: new Dec(0),
      executionIds: new Set(), venue: null, cancelPending: false, replacedBy: null, terminal: null,
    });
    if (replaces !== null) this.orders.get(replaces)!.replacedBy = orderId;
  }

  canCancel(orderId: string): boolean {
    const order = this.orders.get(orderId);
    return !!order && order.terminal === null && !order.cancelPending;
  }

  canReplace(orderId: string): boolean {
    const order = this.orders.get(orderId);
    return !!order && order.terminal === null && order.qty !== null && order.venue !== null && !order.cancelPending && order.replacedBy === null;
  }

  requestCancel(orderId: string): void {
    this.orders.get(orderId)!.cancelPending = true;
  }

  /** What a report should do, and (when accepted) its effect on the model. */
  apply(report: ExecutionReport, symbol: string): Outcome {
    const order = this.orders.get(report.orderId);
    if (!order) return 'reject';
    const open = order.terminal === null;
    switch (report.kind) {
      case 'acknowledged':
        if (!open || order.venue === 'new' || order.venue === report.venueStatus) return 'reject';
        order.venue = report.venueStatus;
        return 'accept';
      case 'partial_fill':
      case 'fill': {
        if (order.executionIds.has(report.executionId)) return 'nothing';
        const filled = order.filled.plus(report.qty);
        if (!open || (order.qty !== null && filled.gt(order.qty))) return 'reject';
        order.executionIds.add(report.executionId);
        order.filled = filled;
        order.notional = order.notional.plus(new Dec(report.qty).times(report.price));
        const value = new Dec(report.qty).times(report.price);
        this.cash = order.side === 'buy' ? this.cash.minus(value) : this.cash.plus(value);
        const position = this.positions.get(symbol) ?? new Dec(0);
        this.positions.set(symbol, order.side === 'buy' ? position.plus(report.qty) : position.minus(report.qty));
        if (order.qty !== null ? filled.eq(order.qty) : report.kind === 'fill') this.finish(order, 'filled');
        return 'accept';
      }
      case 'canceled':
      case 'expired':
        if (!open) return 'reject';
        this.finish(order, report.kind);
        this.abandon(report.orderId, order);
        return 'accept';
      case 'rejected':
        if (!open || order.venue === 'new' || order.filled.gt(0)) return 'reject';
        this.finish(order, 'rejected');
        this.abandon(report.orderId, order);
        return 'accept';
      case 'cancel_rejected':
        if (!open || !order.cancelPending) return 'reject';
        order.cancelPending = false;
        return 'accept';
      case 'replaced': {
        if (!open || order.replacedBy !== report.replacementOrderId) return 'reject';
        this.finish(order, 'replaced');
        const replacement = this.orders.get(report.replacementOrderId)!;
        if (replacement.terminal === null && replacement.venue === null) replacement.venue = 'new';
        return 'accept';
      }
    }
  }

  /** The Alpaca status the model expects. */
  status(orderId: string): string {
    const order = this.orders.get(orderId)!;
    if (order.terminal !== null) return order.terminal;
    if (order.cancelPending) return 'pending_cancel';
    if (order.replacedBy !== null) return 'pending_replace';
    if (order.filled.gt(0)) return 'partially_filled';
    return order.venue ?? 'pending_new';
  }

  private finish(order: ModelOrder, terminal: NonNullable<ModelOrder['terminal']>): void {
    order.terminal = terminal;
    order.cancelPending = false;
  }

  private abandon(orderId: string, order: ModelOrder): void {
    const original = order.replaces === null ? undefined : this.orders.get(order.replaces);
    if (original && original.terminal === null && original.replacedBy === orderId) original.replacedBy = null;
  }
}
