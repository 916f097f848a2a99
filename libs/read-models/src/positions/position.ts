import { AVG_PRICE_DECIMALS, Dec, DecimalString, dec, formatMoney, formatPrice, formatQty, minDec, OrderSide } from '@trading/domain';

/**
 * A position in one symbol under the average-cost method. `qty` is signed (short below zero);
 * `costBasis` is |qty| x `avgEntryPrice`; `realizedPnl` accumulates over the position's life,
 * through flat and flips.
 */
export interface Position {
  readonly qty: DecimalString;
  readonly avgEntryPrice: DecimalString;
  readonly costBasis: DecimalString;
  readonly realizedPnl: DecimalString;
}

export interface PositionFill {
  readonly side: OrderSide;
  readonly qty: DecimalString;
  readonly price: DecimalString;
}

export const FLAT_POSITION: Position = Object.freeze({ qty: '0', avgEntryPrice: '0.00', costBasis: '0.00', realizedPnl: '0.00' });

export type PositionSide = 'long' | 'short' | 'flat';

export function positionSide(position: Position): PositionSide {
  const qty = dec(position.qty);
  return qty.isZero() ? 'flat' : qty.gt(0) ? 'long' : 'short';
}

/**
 * One fill applied to a position. A fill on the position's side (or from flat) adds to it at a new
 * average; a fill against it closes up to its size, realizing (price - avg) per unit closed for a
 * long and (avg - price) for a short; what is left of the fill opens the other side at the fill's
 * price. Sums and products are exact; only the average price is rounded (half-even, to
 * `AVG_PRICE_DECIMALS` places, the rule of the orders' `filled_avg_price`), and P&L is realized
 * against that recorded average.
 */
export function applyFillToPosition(position: Position, fill: PositionFill): Position {
  const held = dec(position.qty);
  const signed = fill.side === 'buy' ? dec(fill.qty) : dec(fill.qty).neg();
  const price = dec(fill.price);
  if (held.isZero() || held.isNegative() === signed.isNegative()) {
    const qty = held.plus(signed);
    const costBasis = dec(position.costBasis).plus(signed.abs().times(price));
    return { qty: formatQty(qty), ...averaged(costBasis, qty), realizedPnl: position.realizedPnl };
  }
  const avg = dec(position.avgEntryPrice);
  const closed = minDec(held.abs(), signed.abs());
  const perUnit = held.isNegative() ? avg.minus(price) : price.minus(avg);
  const realizedPnl = formatMoney(dec(position.realizedPnl).plus(closed.times(perUnit)));
  const qty = held.plus(signed);
  if (qty.isZero()) return { ...FLAT_POSITION, realizedPnl };
  if (qty.isNegative() === held.isNegative()) {
    return { qty: formatQty(qty), avgEntryPrice: position.avgEntryPrice, costBasis: formatMoney(qty.abs().times(avg)), realizedPnl };
  }
  return { qty: formatQty(qty), avgEntryPrice: formatPrice(price), costBasis: formatMoney(qty.abs().times(price)), realizedPnl };
}

function averaged(costBasis: Dec, qty: Dec): Pick<Position, 'avgEntryPrice' | 'costBasis'> {
  return {
    avgEntryPrice: formatPrice(costBasis.div(qty.abs()).toDecimalPlaces(AVG_PRICE_DECIMALS)),
    costBasis: formatMoney(costBasis),
  };
}
