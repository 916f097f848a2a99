import {
  AccountBookEvent,
  accountBookDecider,
  AccountBookState,
  DecimalString,
  epochMs,
  MAX_REMEMBERED_COMMAND_IDS,
  OpenAccountBook,
  Order,
  OrderPlaced,
  OrderSpec,
  RecentOrder,
  RiskLimits,
  TradingState,
} from '@trading/domain';
import { orderIdsOf } from '@trading/read-models';

const NONE: readonly string[] = Object.freeze([]);
const NO_CLIENT_ORDER_IDS: Readonly<Record<string, string>> = Object.freeze({});

interface OpenFields {
  readonly accountId: string;
  readonly cash: DecimalString;
  readonly tradingState: TradingState;
  readonly limits: RiskLimits;
  readonly limitSetVersion: number;
  /** Immutable values replaced by each evolve (both stay small: symbols held, a time window of orders). */
  readonly positions: Readonly<Record<string, DecimalString>>;
  readonly recentOrders: readonly RecentOrder[];
}

const SPEC_FIELDS: readonly (keyof OrderSpec)[] = ['symbol', 'side', 'type', 'timeInForce', 'qty', 'notional', 'limitPrice', 'stopPrice'];

/** Exactly the `OrderSpec` fields, in their order: spelling them out gives what a spread gives. */
function hasSpecFieldsOnly(spec: OrderSpec): boolean {
  const keys = Object.keys(spec);
  return keys.length === SPEC_FIELDS.length && keys.every((key, index) => key === SPEC_FIELDS[index]);
}

/**
 * An empty record in V8's dictionary mode: keys are hash-table entries. Records keyed by ids
 * (orders, client order ids) otherwise make V8 build a hidden class per distinct set of keys,
 * which costs microseconds per new id.
 */
function idRecord<V>(): Record<string, V> {
  const record: Record<string, V> = { dictionary: undefined as unknown as V };
  delete record.dictionary;
  return record;
}

/** Sets an own property, even `__proto__`, as `{ ...record, [key]: value }` does. */
function put<V>(record: Record<string, V>, key: string, value: V): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

/**
 * The entries as a record, keys in the order an object built by `withEntry` has them: integer-like
 * keys ascending first (as for any object), then the others in insertion order, which a Map keeps
 * (an entry set again keeps its place, as an existing property does).
 */
function recordOf<V>(entries: ReadonlyMap<string, V>): Record<string, V> {
  const record = idRecord<V>();
  for (const [key, value] of entries) put(record, key, value);
  return record;
}

/**
 * An account book that replay owns alone and updates in place. Each event is still folded by the
 * domain's own evolve, but on a book holding only the orders the event names (`orderIdsOf`), and
 * the result is merged back: evolve reads `book.orders` only at those ids and only adds to
 * `clientOrderIds` and `recentCommandIds`, so the result is the same while the cost no longer
 * grows with the account's history (the pure fold copies every order and up to 1,000 command ids
 * per event). `snapshot()` is the `AccountBookState` the pure fold reaches from the same events;
 * the equality tests (every event type, generated histories) hold it to that. Should an event's
 * evolve ever read other orders, fold it with `accountBookDecider.evolve(snapshot(), event)`.
 */
export class AccountBookWorkingCopy {
  private open: OpenFields | null = null;
  private readonly orders = new Map<string, Order>();
  private readonly clientOrderIds = new Map<string, string>();
  /** The remembered command ids, trimmed to the last `MAX_REMEMBERED_COMMAND_IDS` lazily. */
  private commandIds: string[] = [];

  /** Folds one event; throws what the domain's evolve throws, leaving the copy unchanged. */
  apply(event: AccountBookEvent): void {
    if (event.type === 'OrderPlaced' && this.placeSpelledOut(event)) return;
    const named = idRecord<Order>();
    for (const orderId of orderIdsOf(event)) {
      const order = this.orders.get(orderId);
      if (order) put(named, orderId, order);
    }
    // Spelled out: on Node 20's V8, properties added after a spread cost microseconds each.
    const open = this.open;
    const view: AccountBookState = open
      ? {
          status: 'open', accountId: open.accountId, cash: open.cash, tradingState: open.tradingState, limits: open.limits,
          limitSetVersion: open.limitSetVersion, orders: named, clientOrderIds: NO_CLIENT_ORDER_IDS, positions: open.positions,
          recentOrders: open.recentOrders, recentCommandIds: NONE,
        }
      : { status: 'unopened', recentCommandIds: NONE };
    const next = accountBookDecider.evolve(view, event);
    this.remember(event.commandId);
    if (next.status !== 'open') return;
    this.open = {
      accountId: next.accountId, cash: next.cash, tradingState: next.tradingState, limits: next.limits,
      limitSetVersion: next.limitSetVersion, positions: next.positions, recentOrders: next.recentOrders,
    };
    if (next.orders !== named) for (const orderId of Object.keys(next.orders)) this.orders.set(orderId, next.orders[orderId]!);
    for (const clientOrderId of Object.keys(next.clientOrderIds)) this.clientOrderIds.set(clientOrderId, next.clientOrderIds[clientOrderId]!);
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
    const since = epochMs(event.at) - Math.max(open.limits.orderRateWindowMs, open.limits.duplicateOrderWindowMs);
    const recentOrders: RecentOrder[] = open.recentOrders.filter((recent) => epochMs(recent.at) > since);
    recentOrders.push({
      orderId: event.orderId, at: event.at, symbol: spec.symbol, side: spec.side, qty: spec.qty, notional: spec.notional,
      limitPrice: spec.limitPrice, stopPrice: spec.stopPrice,
    });
    this.remember(event.commandId);
    this.open = {
      accountId: open.accountId, cash: open.cash, tradingState: open.tradingState, limits: open.limits,
      limitSetVersion: open.limitSetVersion, positions: open.positions, recentOrders,
    };
    this.orders.set(event.orderId, order);
    this.clientOrderIds.set(event.clientOrderId, event.orderId);
    return true;
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
      orders: recordOf(this.orders),
      clientOrderIds: recordOf(this.clientOrderIds),
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
