import { AVG_PRICE_DECIMALS } from '@trading/domain';
import { FLAT_POSITION, Position, PositionFill } from '@trading/read-models';
import { absolute, compare, formatted, minus, negated, nonZero, plus, quotient, scaled, times } from './scaled-decimal';

/**
 * `applyFillToPosition` of the positions read model, on scaled decimals. Throws
 * `OutsideExactRange` where they cannot promise decimal.js's result (the caller then uses the
 * read model's own function).
 */
export function positionAfterFill(position: Position, fill: PositionFill): Position {
  const held = scaled(position.qty);
  const size = nonZero(scaled(fill.qty));
  const signed = fill.side === 'buy' ? size : negated(size);
  const price = scaled(fill.price);
  const heldNegative = held.units < 0;
  if (held.units === 0 || heldNegative === signed.units < 0) {
    const qty = plus(held, signed);
    const costBasis = plus(scaled(position.costBasis), times(absolute(signed), price));
    return {
      qty: formatted(qty, 0),
      avgEntryPrice: formatted(quotient(costBasis, absolute(qty), AVG_PRICE_DECIMALS), 2),
      costBasis: formatted(costBasis, 2),
      realizedPnl: position.realizedPnl,
    };
  }
  const avg = scaled(position.avgEntryPrice);
  const closed = compare(absolute(held), absolute(signed)) < 0 ? absolute(held) : absolute(signed);
  const perUnit = heldNegative ? minus(avg, price) : minus(price, avg);
  const realizedPnl = formatted(plus(scaled(position.realizedPnl), times(closed, perUnit)), 2);
  const qty = plus(held, signed);
  if (qty.units === 0) return { ...FLAT_POSITION, realizedPnl };
  if (qty.units < 0 === heldNegative) {
    return { qty: formatted(qty, 0), avgEntryPrice: position.avgEntryPrice, costBasis: formatted(times(absolute(qty), avg), 2), realizedPnl };
  }
  return { qty: formatted(qty, 0), avgEntryPrice: formatted(price, 2), costBasis: formatted(times(absolute(qty), price), 2), realizedPnl };
}
