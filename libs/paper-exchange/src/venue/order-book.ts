import { OrderSide } from '@trading/domain';
import { insertSorted } from './sorted-insert';
import { VenueOrder, activeLimit, isPendingStop } from './venue-order';

/**
 * The working orders of one symbol. Active orders rest per side in price-time priority (market
 * orders first, then the best price, then the earliest to rest); stop orders wait apart, in
 * arrival order, until their stop price is reached.
 */
export class OrderBook {
  private readonly buys: VenueOrder[] = [];
  private readonly sells: VenueOrder[] = [];
  private readonly stops: VenueOrder[] = [];

  rest(order: VenueOrder): void {
    if (isPendingStop(order)) {
      this.stops.push(order);
      return;
    }
    insertSorted(this.list(order.order.side), order, (resting) => outranks(order, resting));
  }

  remove(order: VenueOrder): void {
    for (const list of [this.buys, this.sells, this.stops]) {
      const at = list.indexOf(order);
      if (at !== -1) list.splice(at, 1);
    }
  }

  /** Resting active orders of one side, best first (a copy: safe to change the book while iterating). */
  side(side: OrderSide): readonly VenueOrder[] {
    return [...this.list(side)];
  }

  /** The resting active orders of one side, best first, as they are: do not change the book while reading them. */
  bestFirst(side: OrderSide): readonly VenueOrder[] {
    return this.list(side);
  }

  pendingStops(): readonly VenueOrder[] {
    return [...this.stops];
  }

  isEmpty(): boolean {
    return this.buys.length + this.sells.length + this.stops.length === 0;
  }

  private list(side: OrderSide): VenueOrder[] {
    return side === 'buy' ? this.buys : this.sells;
  }
}

/** True when `order` comes before `other` of the same side. */
function outranks(order: VenueOrder, other: VenueOrder): boolean {
  const mine = activeLimit(order);
  const theirs = activeLimit(other);
  if (mine === null || theirs === null) return mine === null && theirs !== null;
  if (!mine.eq(theirs)) return order.order.side === 'buy' ? mine.gt(theirs) : mine.lt(theirs);
  return false;
}
