import { Order } from '@trading/domain';
import { AccountOrders } from '../stream/trade-updates.store';

interface KnownAccount {
  lastSeq: number;
  /** By order id: the order as stored, or null where Redis has none. */
  readonly orders: Map<string, Order | null>;
}

/**
 * What this notifier wrote to, or read from, Redis per account: the last applied seq and the
 * orders it has seen. An event whose orders are all known here needs no read before its append.
 * Right only while this instance is the partition's only writer: drop it all on a rebalance, and
 * an account's entry whenever Redis says otherwise (an append refused, an unreadable event, an error).
 */
export class KnownOrdersCache {
  private readonly accounts = new Map<string, KnownAccount>();
  private orders = 0;

  constructor(private readonly maxOrders = 100_000) {}

  /**
   * The seq and these orders when every one is known here; undefined: read them from Redis.
   * `created` are orders the event brings into being: absent from Redis, so known once the account is.
   */
  lookup(accountId: string, orderIds: readonly string[], created: readonly string[] = []): AccountOrders | undefined {
    const known = this.accounts.get(accountId);
    if (!known) return undefined;
    const orders = new Map<string, Order>();
    for (const orderId of orderIds) {
      if (!known.orders.has(orderId) && !created.includes(orderId)) return undefined;
      const order = known.orders.get(orderId);
      if (order) orders.set(orderId, order);
    }
    return { lastSeq: known.lastSeq, orders };
  }

  /** What a read from Redis said of these orders. */
  loaded(accountId: string, orderIds: readonly string[], read: AccountOrders): void {
    let known = this.accounts.get(accountId);
    if (known?.lastSeq !== read.lastSeq) {
      // Redis moved on without this instance: what it knew of the account is stale
      this.forget(accountId);
      known = { lastSeq: read.lastSeq, orders: new Map() };
      this.accounts.set(accountId, known);
    }
    for (const orderId of orderIds) this.set(known, orderId, read.orders.get(orderId) ?? null);
  }

  /** An append of this instance was applied: the seq and the orders it changed. */
  applied(accountId: string, seq: number, changed: readonly Order[]): void {
    const known = this.accounts.get(accountId);
    if (!known) return;
    known.lastSeq = seq;
    for (const order of changed) this.set(known, order.orderId, order);
  }

  forget(accountId: string): void {
    const known = this.accounts.get(accountId);
    if (!known) return;
    this.orders -= known.orders.size;
    this.accounts.delete(accountId);
  }

  clear(): void {
    this.accounts.clear();
    this.orders = 0;
  }

  private set(known: KnownAccount, orderId: string, order: Order | null): void {
    if (!known.orders.has(orderId)) this.orders += 1;
    known.orders.set(orderId, order);
    // bounded: past the limit it starts over, reading from Redis again
    if (this.orders > this.maxOrders) this.clear();
  }
}
