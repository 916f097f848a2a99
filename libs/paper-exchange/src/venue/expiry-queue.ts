import { epochMs } from '@trading/domain';
import { insertSorted } from './sorted-insert';
import { VenueOrder } from './venue-order';

/**
 * Orders with an expiry, soonest first (ties in the order they were added), so the venue finds
 * the ones due without looking at every order it ever held. An order closed before its time
 * stays queued and is skipped when it comes due.
 */
export class ExpiryQueue {
  private readonly queue: { readonly dueMs: number; readonly order: VenueOrder }[] = [];

  add(order: VenueOrder): void {
    if (order.expiresAt === null) return;
    const dueMs = epochMs(order.expiresAt);
    insertSorted(this.queue, { dueMs, order }, (queued) => queued.dueMs > dueMs);
  }

  /** Takes the still working orders due at `nowMs` or before, soonest first. */
  takeDue(nowMs: number): VenueOrder[] {
    let count = 0;
    while (count < this.queue.length && (this.queue[count] as { dueMs: number }).dueMs <= nowMs) count += 1;
    if (count === 0) return [];
    return this.queue.splice(0, count).flatMap(({ order }) => (order.state === 'working' ? [order] : []));
  }
}
