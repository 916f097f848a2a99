import { Dec, dec, formatMoney, formatQty } from '../decimal';
import { Order } from '../orders/order';
import { isOpen } from '../orders/order-status';
import { AccountExposure } from '../risk/risk-rule';
import { lookup } from '../shared/records';
import { OpenAccountBook } from './account-book.state';
import { openQty } from './open-order-totals';

export function openOrders(book: OpenAccountBook): Order[] {
  return [...book.orders.values()].filter((order) => isOpen(order.status));
}

/**
 * The account as the risk rules see it for one symbol, from the book's open-order totals.
 * `excludeOrderId` leaves out the order being replaced: if the replacement is accepted, that
 * order's cash and exposure are released.
 */
export function exposureFor(book: OpenAccountBook, symbol: string, excludeOrderId: string | null): AccountExposure {
  const totals = book.openTotals;
  const sides = lookup(totals.bySymbol, symbol);
  let reserved = dec(totals.reservedCash);
  let openBuy = dec(sides?.buy ?? '0');
  let openSell = dec(sides?.sell ?? '0');
  let count = totals.count;
  const excluded = excludeOrderId === null ? undefined : book.orders.get(excludeOrderId);
  if (excluded && isOpen(excluded.status)) {
    count -= 1;
    reserved = reserved.minus(excluded.reservedCash);
    if (excluded.symbol === symbol) {
      if (excluded.side === 'buy') openBuy = openBuy.minus(openQty(excluded));
      else openSell = openSell.minus(openQty(excluded));
    }
  }
  return {
    cash: book.cash,
    reservedCash: formatMoney(reserved),
    positionQty: lookup(book.positions, symbol) ?? '0',
    openBuyQty: formatQty(openBuy),
    openSellQty: formatQty(openSell),
    openOrderCount: count,
    recentOrders: book.recentOrders.filter((order) => order.orderId !== excludeOrderId),
    tradingState: book.tradingState,
  };
}

/** Buying power: cash minus the cash open orders hold. */
export function buyingPower(book: OpenAccountBook): Dec {
  return dec(book.cash).minus(book.openTotals.reservedCash);
}

/** The order with this id, if the book has one (safe for any id a client sends). */
export function findOrder(book: OpenAccountBook, orderId: string): Order | undefined {
  return book.orders.get(orderId);
}
