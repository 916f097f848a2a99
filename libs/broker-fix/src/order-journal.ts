import { BrokerExecutionReport, BrokerFill, BrokerOrder, BrokerOrderSnapshot, BrokerOrderState } from '@trading/broker-sdk';
import { Dec, DecimalString, epochMs, formatQty, IsoTime } from '@trading/domain';

interface Entry {
  readonly order: BrokerOrder;
  readonly brokerOrderId: string | null;
  readonly state: BrokerOrderState;
  readonly filledQty: DecimalString;
  readonly updatedAt: IsoTime;
}

const TERMINAL: readonly BrokerOrderState[] = ['filled', 'canceled', 'rejected', 'expired', 'replaced'];

/**
 * What this adapter has sent and heard, so `lookup`, `openOrders` and `fills` can answer: FIX has
 * no standard query of orders or fills, and the QuickFIX/J executor answers no OrderStatusRequest.
 * Applying the same fill twice (a resend) changes nothing.
 */
export class OrderJournal {
  private readonly orders = new Map<string, Entry>();
  private readonly pendingReplacements = new Map<string, BrokerOrder>();
  private readonly fillsById = new Map<string, BrokerFill>();

  recordSubmitted(order: BrokerOrder, at: IsoTime): void {
    if (this.orders.has(order.clientOrderId)) return;
    this.orders.set(order.clientOrderId, { order, brokerOrderId: null, state: 'working', filledQty: '0', updatedAt: at });
  }

  recordReplaceRequested(clientOrderId: string, replacement: BrokerOrder): void {
    this.pendingReplacements.set(clientOrderId, replacement);
  }

  orderQty(clientOrderId: string): DecimalString | null {
    return this.orders.get(clientOrderId)?.order.qty ?? null;
  }

  /** Folds one report in; false when it told nothing new (a repeated fill, an unknown order). */
  apply(report: BrokerExecutionReport): boolean {
    const entry = this.orders.get(report.clientOrderId);
    if (!entry) return false;
    const brokerOrderId = report.brokerOrderId ?? entry.brokerOrderId;
    const at = report.at;
    switch (report.kind) {
      case 'acknowledged':
        return this.update(entry, { brokerOrderId, updatedAt: at });
      case 'partial_fill':
      case 'fill': {
        if (this.fillsById.has(report.executionId)) return false;
        this.fillsById.set(report.executionId, report);
        const filledQty = formatQty(new Dec(entry.filledQty).plus(report.qty));
        const state = report.kind === 'fill' ? 'filled' : entry.state;
        return this.update(entry, { brokerOrderId, filledQty, state, updatedAt: at });
      }
      case 'canceled':
        return this.update(entry, { brokerOrderId, state: 'canceled', updatedAt: at });
      case 'rejected':
        return this.update(entry, { brokerOrderId, state: 'rejected', updatedAt: at });
      case 'expired':
        return this.update(entry, { brokerOrderId, state: 'expired', updatedAt: at });
      case 'cancel_rejected':
        this.pendingReplacements.delete(report.clientOrderId);
        return true;
      case 'replaced': {
        const replacement = this.pendingReplacements.get(report.clientOrderId);
        this.pendingReplacements.delete(report.clientOrderId);
        if (replacement) this.recordSubmitted(replacement, at);
        return this.update(entry, { brokerOrderId, state: 'replaced', updatedAt: at });
      }
    }
  }

  lookup(clientOrderId: string): BrokerOrderSnapshot | null {
    const entry = this.orders.get(clientOrderId);
    return entry ? snapshot(entry) : null;
  }

  open(): readonly BrokerOrderSnapshot[] {
    return [...this.orders.values()].filter((e) => !TERMINAL.includes(e.state)).map(snapshot);
  }

  fillsSince(since: IsoTime): readonly BrokerFill[] {
    const from = epochMs(since);
    return [...this.fillsById.values()].filter((f) => epochMs(f.at) >= from);
  }

  private update(entry: Entry, change: Partial<Entry>): boolean {
    // A late report never reopens a finished order (a fill after a cancel still counts as filled qty).
    const state = TERMINAL.includes(entry.state) && change.state !== undefined ? entry.state : (change.state ?? entry.state);
    this.orders.set(entry.order.clientOrderId, { ...entry, ...change, state });
    return true;
  }
}

function snapshot(entry: Entry): BrokerOrderSnapshot {
  return {
    order: entry.order,
    // FIX names no order id before the acknowledgement; the snapshot type wants a string.
    brokerOrderId: entry.brokerOrderId ?? '',
    state: entry.state,
    filledQty: entry.filledQty,
    updatedAt: entry.updatedAt,
  };
}
