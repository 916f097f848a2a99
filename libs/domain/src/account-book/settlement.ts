import { DecimalString, dec, formatMoney, formatQty } from '../decimal';
import { Order } from '../orders/order';
import { Fill } from '../orders/order-fill';
import { lookup } from '../shared/records';
import { OpenAccountBook } from './account-book.state';

/** Cash and position of the fill's symbol after a fill: a buy pays qty x price, a sell receives it. */
export function settleFill(
  book: OpenAccountBook,
  order: Order,
  fill: Fill,
): { readonly cash: DecimalString; readonly positionQty: DecimalString } {
  const value = dec(fill.qty).times(fill.price);
  const position = dec(lookup(book.positions, order.symbol) ?? '0');
  const buy = order.side === 'buy';
  return {
    cash: formatMoney(buy ? dec(book.cash).minus(value) : dec(book.cash).plus(value)),
    positionQty: formatQty(buy ? position.plus(fill.qty) : position.minus(fill.qty)),
  };
}
