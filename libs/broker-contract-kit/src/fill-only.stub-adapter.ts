import {
  BrokerAdapter,
  BrokerExecutionReport,
  BrokerFill,
  BrokerOrder,
  BrokerOrderSnapshot,
  BrokerReportListener,
  BrokerUnavailableError,
  BrokerUnsupportedError,
  Unsubscribe,
} from '@trading/broker-sdk';
import { IsoTime } from '@trading/domain';

/**
 * A hand-written venue for the kit's own tests: it fills marketable orders at once in one
 * execution, refuses resting orders, cancels and replaces as unsupported, and rejects symbol `BAD`.
 */
export class FillOnlyStubAdapter implements BrokerAdapter {
  readonly name = 'fill-only-stub';
  private connected = false;
  private readonly listeners = new Set<BrokerReportListener>();
  private readonly snapshots = new Map<string, BrokerOrderSnapshot>();
  private readonly delivered: BrokerExecutionReport[] = [];
  private executions = 0;

  async connect(): Promise<void> {
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    this.connected = false;
  }

  isConnected(): boolean {
    return this.connected;
  }

  async submit(order: BrokerOrder): Promise<void> {
    this.ensureConnected();
    if (order.type === 'limit' && Number(order.limitPrice) < 95) throw new BrokerUnsupportedError(this.name, 'resting orders');
    const at = new Date().toISOString();
    const base = { clientOrderId: order.clientOrderId, brokerOrderId: `S-${order.clientOrderId}`, at };
    const rejected = order.symbol === 'BAD';
    this.snapshots.set(order.clientOrderId, {
      order,
      brokerOrderId: base.brokerOrderId,
      state: rejected ? 'rejected' : 'filled',
      filledQty: rejected ? '0' : (order.qty ?? '0'),
      updatedAt: at,
    });
    if (rejected) return this.emit([{ ...base, kind: 'rejected', reason: 'STUB.BAD_SYMBOL' }]);
    this.emit([
      { ...base, kind: 'acknowledged', venueStatus: 'new' },
      { ...base, kind: 'fill', executionId: `SX-${++this.executions}`, qty: order.qty ?? '0', price: '100.00', venue: 'STUB' },
    ]);
  }

  async cancel(): Promise<void> {
    throw new BrokerUnsupportedError(this.name, 'cancel');
  }

  async replace(): Promise<void> {
    throw new BrokerUnsupportedError(this.name, 'replace');
  }

  async lookup(clientOrderId: string): Promise<BrokerOrderSnapshot | null> {
    this.ensureConnected();
    return this.snapshots.get(clientOrderId) ?? null;
  }

  async openOrders(): Promise<readonly BrokerOrderSnapshot[]> {
    this.ensureConnected();
    return [];
  }

  async fills(since: IsoTime): Promise<readonly BrokerFill[]> {
    this.ensureConnected();
    return this.delivered.filter((r): r is BrokerFill => r.kind === 'fill' && Date.parse(r.at) >= Date.parse(since));
  }

  onReport(listener: BrokerReportListener): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  redeliver(): void {
    this.emit([...this.delivered], false);
  }

  private emit(reports: readonly BrokerExecutionReport[], record = true): void {
    setImmediate(() => {
      if (record) this.delivered.push(...reports);
      for (const report of reports) for (const listener of this.listeners) listener(report);
    });
  }

  private ensureConnected(): void {
    if (!this.connected) throw new BrokerUnavailableError(this.name, 'not connected');
  }
}
