import {
  AccountBookEvent,
  accountBookDecider,
  AccountBookState,
  DecimalString,
  epochMs,
  MAX_REMEMBERED_COMMAND_IDS,
  NO_OPEN_ORDERS,
  OpenAccountBook,
  openOrderTotals,
  Order,
  OrderAcknowledged,
  OrderFilled,
  OrderPartiallyFilled,
  OrderPlaced,
  OrderSpec,
  PersistentRecord,
  RecentOrder,
  RiskLimits,
  TradingState,
} from '@trading/domain';
import { orderIdsOf } from '@trading/read-models';
import { acknowledgedOrder, filledOrder, hasOrderFieldsOnly, settledFill } from './order-fill.exact';
import { OutsideExactRange } from './scaled-decimal';

const NONE: readonly string[] = Object.freeze([]);
const NO_CLIENT_ORDER_IDS = PersistentRecord.empty<string>();

interface OpenFields {
  readonly accountId: string;
  readonly cash: DecimalString;
  readonly tradingState: TradingState;
  readonly limits: RiskLimits;
  readonly limitSetVersion: number;
  /** Immutable values replaced by each evolve (both stay small: symbols held, a time window of orders). */
  readonly positions: Readonly<Record<string, DecimalString>>;
  readonly recentOrders: readonly RecentOrder[];
  /** `epochMs` of each recent order's `at`, parsed once. */
  readonly recentOrderMs: readonly number[];
}

const SPEC_FIELDS: readonly (keyof OrderSpec)[] = ['symbol', 'side', 'type', 'timeInForce', 'qty', 'notional', 'limitPrice', 'stopPrice'];

/** Exactly the `OrderSpec` fields, in their order: spelling them out gives what a spread gives. */
function hasSpecFieldsOnly(spec: OrderSpec): boolean {
  const keys = Object.keys(spec);
  return keys.length === SPEC_FIELDS.length && keys.every((key, index) => key === SPEC_FIELDS[index]);
}

/** Sets an own property, even `__proto__`, as `{ ...record, [key]: value }` does. */
function put<V>(record: Record<string, V>, key: string, value: V): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

/** `withEntry`, or `withoutEntry` for a flat position, as the domain's `fill` updates `positions`. */
function withPosition(positions: Readonly<Record<string, DecimalString>>, symbol: string, qty: DecimalString): Record<string, DecimalString> {
  const next: Record<string, DecimalString> = {};
  for (const key of Object.keys(positions)) put(next, key, positions[key]!);
  if (qty === '0') delete next[symbol];
  else put(next, symbol, qty);
  return next;
}

/**
 * An account book that replay owns alone and updates in place. Each event is still folded by the
 * domain's own evolve, but on a book holding only the orders the event names (`orderIdsOf`), and
 * the result is merged back: evolve reads `book.orders` only at those ids and only adds to
 * `clientOrderIds` and `recentCommandIds`, so the result is the same while the cost no longer
 * grows with the account's history (the pure fold copies up to 1,000 command ids per event, and
 * its order records cost about the square root of their size per change). The events of every order's life (placed, acknowledged, filled) are spelled out
 * instead, with the domain's own rules on scaled decimals (`order-fill.exact`), and left to evolve
 * whenever those cannot promise its result. `snapshot()` is the `AccountBookState` the pure fold
 * reaches from the same events; the equality tests (every event type, generated histories) hold it
 * to that. Should an event's evolve ever read other orders, fold it with
 * `accountBookDecider.evolve(snapshot(), event)`.
 */
export class AccountBookWorkingCopy {
  private open: OpenFields | null = null;
  private readonly orders = new Map<string, Order>();
  private readonly clientOrderIds = new Map<string, string>();
  /** Orders whose fields are not exactly `hasOrderFieldsOnly`'s: only the domain's evolve may change them. */
  private readonly irregular = new Set<string>();
  /** The remembered command ids, trimmed to the last `MAX_REMEMBERED_COMMAND_IDS` lazily. */
  private commandIds: string[] = [];

  /** Folds one event; throws what the domain's evolve throws, leaving the copy unchanged. */
  apply(event: AccountBookEvent): void {
    if (event.type === 'OrderPlaced' && this.placeSpelledOut(event)) return;
    if (event.type === 'OrderAcknowledged' && this.acknowledgeSpelledOut(event)) return;
    if ((event.type === 'OrderFilled' || event.type === 'OrderPartiallyFilled') && this.fillSpelledOut(event)) return;
    const named = PersistentRecord.fromEntries(
      orderIdsOf(event).flatMap((orderId): [string, Order][] => {
        const order = this.orders.get(orderId);
        return order ? [[orderId, order]] : [];
      }),
    );
    // Spelled out: on Node 20's V8, properties added after a spread cost microseconds each.
    const open = this.open;
    const view: AccountBookState = open
      ? {
          status: 'open', accountId: open.accountId, cash: open.cash, tradingState: open.tradingState, limits: open.limits,
          // the totals are summed once, in snapshot(): evolve's upkeep of them here is thrown away
          limitSetVersion: open.limitSetVersion, orders: named, openTotals: NO_OPEN_ORDERS, clientOrderIds: NO_CLIENT_ORDER_IDS, positions: open.positions,
          recentOrders: open.recentOrders, recentCommandIds: NONE,
        }
      : { status: 'unopened', recentCommandIds: NONE };
    const next = accountBookDecider.evolve(view, event);
    this.remember(event.commandId);
    if (next.status !== 'open') return;
    this.open = {
      accountId: next.accountId, cash: next.cash, tradingState: next.tradingState, limits: next.limits,
      limitSetVersion: next.limitSetVersion, positions: next.positions, recentOrders: next.recentOrders,
      recentOrderMs: open && next.recentOrders === open.recentOrders ? open.recentOrderMs : next.recentOrders.map((recent) => epochMs(recent.at)),
    };
    if (next.orders !== named) {
      for (const [orderId, order] of next.orders) {
        this.orders.set(orderId, order);
        if (hasOrderFieldsOnly(order)) this.irregular.delete(orderId);
        else this.irregular.add(orderId);
      }
    }
    for (const [clientOrderId, orderId] of next.clientOrderIds) this.clientOrderIds.set(clientOrderId, orderId);
  }

  /**
   * The domain's `addOrder` and `createOrder` for an `OrderPlaced` whose order has exactly the
   * `OrderSpec` fields, spelled out: `createOrder` spreads the spec and then adds fifteen
   * properties, which costs ~27 µs per order on Node 20's V8 (most of a placement's fold). Anything
   * else (an order id already used, an unusual spec) is left to the domain's evolve: false.
   */
  private placeSpelledOut(event: OrderPlaced): boolean {
    const open = this.open;
    const spec = event.order;
    if (!open || this.orders.has(event.orderId) || !hasSpecFieldsOnly(spec)) return false;
    const order: Order = {
      symbol: spec.symbol, side: spec.side, type: spec.type, timeInForce: spec.timeInForce, qty: spec.qty, notional: spec.notional,
      limitPrice: spec.limitPrice, stopPrice: spec.stopPrice,
      orderId: event.orderId, clientOrderId: event.clientOrderId, status: 'pending_new', venueStatus: null, cancelPending: false,
      filledQty: '0', filledNotional: '0.00', filledAvgPrice: null, executionIds: [], reservedCash: event.risk.reservedCash,
      risk: event.risk, replaces: null, replacedBy: null, submittedAt: event.at, updatedAt: event.at,
    };
    const at = epochMs(event.at);
    const since = at - Math.max(open.limits.orderRateWindowMs, open.limits.duplicateOrderWindowMs);
    const recentOrders: RecentOrder[] = [];
    const recentOrderMs: number[] = [];
    for (let index = 0; index < open.recentOrders.length; index++) {
      if (open.recentOrderMs[index]! > since) {
        recentOrders.push(open.recentOrders[index]!);
        recentOrderMs.push(open.recentOrderMs[index]!);
      }
    }
    recentOrders.push({
      orderId: event.orderId, at: event.at, symbol: spec.symbol, side: spec.side, qty: spec.qty, notional: spec.notional,
      limitPrice: spec.limitPrice, stopPrice: spec.stopPrice,
    });
    recentOrderMs.push(at);
    this.remember(event.commandId);
    this.open = {
      accountId: open.accountId, cash: open.cash, tradingState: open.tradingState, limits: open.limits,
      limitSetVersion: open.limitSetVersion, positions: open.positions, recentOrders, recentOrderMs,
    };
    this.orders.set(event.orderId, order);
    this.clientOrderIds.set(event.clientOrderId, event.orderId);
    return true;
  }

  /**
   * `OrderAcknowledged` as the domain's `acknowledge` folds it, spelled out (see `draftOf`);
   * false leaves the event to the domain's evolve (which throws where `acknowledge` refuses).
   */
  private acknowledgeSpelledOut(event: OrderAcknowledged): boolean {
    const order = this.open ? this.orders.get(event.orderId) : undefined;
    if (!order || this.irregular.has(event.orderId)) return false;
    const next = this.exactly(() => acknowledgedOrder(order, event.venueStatus, event.at));
    if (!next) return false;
    this.remember(event.commandId);
    this.orders.set(event.orderId, next);
    return true;
  }

  /**
   * A fill as the domain's `fill` folds it (`applyFill`, `settleFill`, the position record kept
   * without its flat symbols), on scaled decimals; false leaves the event to the domain's evolve.
   */
  private fillSpelledOut(event: OrderFilled | OrderPartiallyFilled): boolean {
    const open = this.open;
    const order = open ? this.orders.get(event.orderId) : undefined;
    if (!open || !order || this.irregular.has(event.orderId)) return false;
    const fill = { executionId: event.executionId, qty: event.qty, price: event.price };
    const done = this.exactly(() => {
      const next = filledOrder(order, fill, event.type === 'OrderFilled', event.at);
      if (!next || next.status !== event.status) return null;
      const held = Object.prototype.hasOwnProperty.call(open.positions, order.symbol) ? open.positions[order.symbol] : undefined;
      return { next, settled: settledFill(open.cash, held, order, fill) };
    });
    if (!done) return false;
    this.remember(event.commandId);
    this.open = {
      accountId: open.accountId, cash: done.settled.cash, tradingState: open.tradingState, limits: open.limits,
      limitSetVersion: open.limitSetVersion, positions: withPosition(open.positions, order.symbol, done.settled.positionQty),
      recentOrders: open.recentOrders, recentOrderMs: open.recentOrderMs,
    };
    this.orders.set(event.orderId, done.next);
    return true;
  }

  /** The result, or null where the scaled decimals cannot promise decimal.js's. */
  private exactly<T>(compute: () => T | null): T | null {
    try {
      return compute();
    } catch (error) {
      if (error instanceof OutsideExactRange) return null;
      throw error;
    }
  }

  /** The book as the domain's pure fold holds it (a copy: later events do not change it). */
  snapshot(): AccountBookState {
    const recentCommandIds = this.commandIds.slice(Math.max(0, this.commandIds.length - MAX_REMEMBERED_COMMAND_IDS));
    if (!this.open) return { status: 'unopened', recentCommandIds };
    const book: OpenAccountBook = {
      status: 'open',
      accountId: this.open.accountId,
      cash: this.open.cash,
      tradingState: this.open.tradingState,
      limits: this.open.limits,
      limitSetVersion: this.open.limitSetVersion,
      // a Map keeps first-insertion order, as the book's records do
      orders: PersistentRecord.fromEntries(this.orders),
      openTotals: openOrderTotals(this.orders.values()),
      clientOrderIds: PersistentRecord.fromEntries(this.clientOrderIds),
      positions: this.open.positions,
      recentOrders: this.open.recentOrders,
      recentCommandIds,
    };
    return book;
  }

  /** `rememberCommand` of the domain, amortised: the list is cut back only when twice too long. */
  private remember(commandId: string): void {
    if (this.commandIds[this.commandIds.length - 1] === commandId) return;
    this.commandIds.push(commandId);
    if (this.commandIds.length > 2 * MAX_REMEMBERED_COMMAND_IDS) this.commandIds = this.commandIds.slice(-MAX_REMEMBERED_COMMAND_IDS);
  }
}
