import {
  BrokerAdapter,
  BrokerCancel,
  BrokerExecutionReport,
  BrokerFill,
  BrokerOrder,
  BrokerOrderSnapshot,
  BrokerReplace,
  BrokerReportListener,
  BrokerUnavailableError,
  Unsubscribe,
} from '@trading/broker-sdk';
import { dec } from '@trading/domain';

/**
 * How the stub answers a request: take it; refuse it unsent; take it but never answer; take it and
 * lose the answer; or lose the request itself, failing as ambiguously as a lost answer.
 */
export type StubMode = 'accept' | 'unavailable' | 'hang' | 'lose-answer' | 'lose-request';

/**
 * A hand-written broker for tests: it keeps the orders it received (across service restarts, like
 * a real venue), counts every submit per client order id, and fills on request.
 */
export class StubBrokerAdapter implements BrokerAdapter {
  mode: StubMode = 'accept';
  readonly submits = new Map<string, number>();
  readonly cancels: string[] = [];
  private readonly orders = new Map<string, BrokerOrderSnapshot>();
  private readonly executed: BrokerFill[] = [];
  private readonly listeners = new Set<BrokerReportListener>();

  constructor(readonly name: string) {}

  async connect(): Promise<void> {}
  async disconnect(): Promise<void> {}
  isConnected(): boolean {
    return true;
  }

  submitCount(): number {
    return [...this.submits.values()].reduce((a, b) => a + b, 0);
  }

  async submit(order: BrokerOrder): Promise<void> {
    await this.gate(() => {
      this.submits.set(order.clientOrderId, (this.submits.get(order.clientOrderId) ?? 0) + 1);
      const brokerOrderId = `B-${order.clientOrderId}`;
      this.orders.set(order.clientOrderId, { order, brokerOrderId, state: 'working', filledQty: '0', updatedAt: this.now() });
      this.emit({ kind: 'acknowledged', clientOrderId: order.clientOrderId, brokerOrderId, at: this.now(), venueStatus: 'new' });
    });
  }

  async cancel(request: BrokerCancel): Promise<void> {
    await this.gate(() => {
      this.cancels.push(request.clientOrderId);
      const snapshot = this.orders.get(request.clientOrderId);
      if (!snapshot || snapshot.state !== 'working') return;
      this.orders.set(request.clientOrderId, { ...snapshot, state: 'canceled', updatedAt: this.now() });
      this.emit({ kind: 'canceled', clientOrderId: request.clientOrderId, brokerOrderId: snapshot.brokerOrderId, at: this.now(), reason: null });
    });
  }

  async replace(request: BrokerReplace): Promise<void> {
    await this.submit(request.replacement);
  }

  async lookup(clientOrderId: string): Promise<BrokerOrderSnapshot | null> {
    return this.orders.get(clientOrderId) ?? null;
  }

  async openOrders(): Promise<readonly BrokerOrderSnapshot[]> {
    return [...this.orders.values()].filter((snapshot) => snapshot.state === 'working');
  }

  async fills(since: string): Promise<readonly BrokerFill[]> {
    return this.executed.filter((fill) => fill.at >= since);
  }

  onReport(listener: BrokerReportListener): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The venue executes `qty` of a working order at `price` (reported to whoever listens now). */
  fill(clientOrderId: string, qty: string, price: string, venue = 'XSTB'): BrokerFill {
    const snapshot = this.orders.get(clientOrderId);
    if (!snapshot) throw new Error(`stub has no order ${clientOrderId}`);
    const filledQty = dec(snapshot.filledQty).plus(qty);
    const complete = snapshot.order.qty !== null && filledQty.gte(snapshot.order.qty);
    const fill: BrokerFill = {
      kind: complete ? 'fill' : 'partial_fill',
      clientOrderId,
      brokerOrderId: snapshot.brokerOrderId,
      at: this.now(),
      executionId: `X-${clientOrderId}-${this.executed.length + 1}`,
      qty,
      price,
      venue,
    };
    this.executed.push(fill);
    this.orders.set(clientOrderId, { ...snapshot, filledQty: filledQty.toString(), state: complete ? 'filled' : 'working', updatedAt: fill.at });
    this.emit(fill);
    return fill;
  }

  private async gate(take: () => void): Promise<void> {
    switch (this.mode) {
      case 'accept':
        return take();
      case 'unavailable':
        throw new BrokerUnavailableError(this.name, 'stub is down');
      case 'hang':
        take();
        return new Promise<void>(() => undefined);
      case 'lose-answer':
        take();
        throw new Error('connection reset after the request was written');
      case 'lose-request':
        throw new Error('connection reset after the request was written');
    }
  }

  private emit(report: BrokerExecutionReport): void {
    for (const listener of this.listeners) listener(report);
  }

  private now(): string {
    return new Date().toISOString();
  }
}
