import { Dec, dec, DecimalString, formatMoney, formatQty, maxDec } from '../decimal';
import { Order } from '../orders/order';
import { isOpen } from '../orders/order-status';

/** What one symbol's open orders may still add to each side. */
export interface SymbolOpenQty {
  readonly buy: DecimalString;
  readonly sell: DecimalString;
}

/**
 * What the open orders of a book add up to, kept with every change of an order, so a decision
 * reads them instead of summing every open order of the account (thousands, for an active one).
 * Canonical, so a book folded any way serialises the same: money and quantities in their formats,
 * symbols with nothing open left out, the others in symbol order.
 */
export interface OpenOrderTotals {
  readonly count: number;
  /** Cash the open orders hold. */
  readonly reservedCash: DecimalString;
  readonly bySymbol: Readonly<Record<string, SymbolOpenQty>>;
}

export const NO_OPEN_ORDERS: OpenOrderTotals = { count: 0, reservedCash: '0.00', bySymbol: {} };

/** Quantity an open order may still add to its side: its (estimated) quantity minus its fills. */
export function openQty(order: Order): Dec {
  return maxDec(dec(order.risk.exposureQty).minus(order.filledQty), new Dec(0));
}

/** The totals of these orders, summed: what `withOrderChange` keeps up to date one change at a time. */
export function openOrderTotals(orders: Iterable<Order>): OpenOrderTotals {
  let count = 0;
  let reserved = new Dec(0);
  const bySymbol = new Map<string, { buy: Dec; sell: Dec }>();
  for (const order of orders) {
    if (!isOpen(order.status)) continue;
    count += 1;
    reserved = reserved.plus(order.reservedCash);
    const sides = bySymbol.get(order.symbol) ?? { buy: new Dec(0), sell: new Dec(0) };
    sides[order.side] = sides[order.side].plus(openQty(order));
    bySymbol.set(order.symbol, sides);
  }
  const entries = [...bySymbol].map(([symbol, sides]) => [symbol, { buy: formatQty(sides.buy), sell: formatQty(sides.sell) }] as const);
  return { count, reservedCash: formatMoney(reserved), bySymbol: canonical(new Map(entries)) };
}

/** The totals once `previous` (absent for a new order) became `next`. Unchanged totals are returned as they were. */
export function withOrderChange(totals: OpenOrderTotals, previous: Order | undefined, next: Order): OpenOrderTotals {
  const before = previous && isOpen(previous.status) ? previous : undefined;
  const after = isOpen(next.status) ? next : undefined;
  if (before === undefined && after === undefined) return totals;
  if (
    before !== undefined &&
    after !== undefined &&
    before.reservedCash === after.reservedCash &&
    before.filledQty === after.filledQty &&
    before.risk.exposureQty === after.risk.exposureQty &&
    before.symbol === after.symbol &&
    before.side === after.side
  ) {
    return totals;
  }
  let reserved = dec(totals.reservedCash);
  const bySymbol = new Map(Object.entries(totals.bySymbol));
  const add = (order: Order, sign: 1 | -1): void => {
    reserved = sign > 0 ? reserved.plus(order.reservedCash) : reserved.minus(order.reservedCash);
    const sides = bySymbol.get(order.symbol) ?? { buy: '0', sell: '0' };
    const side = dec(sides[order.side]);
    const moved = sign > 0 ? side.plus(openQty(order)) : side.minus(openQty(order));
    bySymbol.set(order.symbol, order.side === 'buy' ? { buy: formatQty(moved), sell: sides.sell } : { buy: sides.buy, sell: formatQty(moved) });
  };
  if (before) add(before, -1);
  if (after) add(after, 1);
  return {
    count: totals.count - (before ? 1 : 0) + (after ? 1 : 0),
    reservedCash: formatMoney(reserved),
    bySymbol: canonical(bySymbol),
  };
}

/** Symbols in order, none with nothing open. */
function canonical(bySymbol: ReadonlyMap<string, SymbolOpenQty>): Readonly<Record<string, SymbolOpenQty>> {
  const record: Record<string, SymbolOpenQty> = {};
  for (const symbol of [...bySymbol.keys()].sort()) {
    const sides = bySymbol.get(symbol) as SymbolOpenQty;
    if (sides.buy === '0' && sides.sell === '0') continue;
    Object.defineProperty(record, symbol, { value: sides, enumerable: true, writable: true, configurable: true });
  }
  return record;
}
