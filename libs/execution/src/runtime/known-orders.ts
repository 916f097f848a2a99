import { TrackedOrder } from '../journal/execution-journal.state';

export interface KnownOrder {
  readonly orderId: string;
  readonly accountId: string;
  readonly broker: string;
  readonly correlationId: string;
  readonly partition: number;
}

/**
 * Order id -> account of the orders this process routes, so a broker's report (which names only
 * the order) can be keyed by account. Filled from the journal when a partition is taken over and
 * from every new intent before it is sent.
 */
export class KnownOrders {
  private readonly orders = new Map<string, KnownOrder>();

  remember(order: KnownOrder): void {
    this.orders.set(order.orderId, order);
  }

  rememberAll(partition: number, orders: Iterable<TrackedOrder>): void {
    for (const { orderId, accountId, broker, correlationId } of orders) {
      this.remember({ orderId, accountId, broker, correlationId, partition });
    }
  }

  get(orderId: string): KnownOrder | undefined {
    return this.orders.get(orderId);
  }

  forget(orderId: string): void {
    this.orders.delete(orderId);
  }

  forgetPartition(partition: number): void {
    for (const [orderId, order] of this.orders) if (order.partition === partition) this.orders.delete(orderId);
  }
}
