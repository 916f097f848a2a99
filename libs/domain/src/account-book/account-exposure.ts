import { Dec, dec, formatMoney, formatQty, maxDec } from '../decimal';
import { Order } from '../orders/order';
import { isOpen } from '../orders/order-status';
import { AccountExposure } from '../risk/risk-rule';
import { lookup } from '../shared/records';
import { OpenAccountBook } from './account-book.state';

export function openOrders(book: OpenAccountBook): Order[] {
  return Object.values(book.orders).filter((order) => isOpen(order.status));
}

/** Quantity an open order may still add to its side: its (estimated) quantity minus its fills. */
export function openQty(order: Order): Dec {
  return maxDec(dec(order.risk.exposureQty).minus(order.filledQty), new Dec(0));
}

/**
 * The account as the risk rules see it for one symbol. `excludeOrderId` leaves out the order
 * being replaced: if the replacement is accepted, that order's cash and exposure are released.
 */
export function exposureFor(book: OpenAccountBook, symbol: string, excludeOrderId: string | null): AccountExposure {
  let reserved = new Dec(0);
  let openBuy = new Dec(0);
  let openSell = new Dec(0);
  let count = 0;
  for (const order of openOrders(book)) {
    if (order.orderId === excludeOrderId) continue;
    count += 1;
    reserved = reserved.plus(order.reservedCash);
    if (order.symbol !== symbol) continue;
    if (order.side === 'buy') openBuy = openBuy.plus(openQty(order));
    else openSell = openSell.plus(openQty(order));
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
  return openOrders(book).reduce((power, order) => power.minus(order.reservedCash), dec(book.cash));
}

/** The order with this id, if the book has one (safe for any id a client sends). */
export function findOrder(book: OpenAccountBook, orderId: string): Order | undefined {
  return lookup(book.orders, orderId);
}
