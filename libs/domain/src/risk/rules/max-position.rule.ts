import { dec, formatQty } from '../../decimal';
import { PASS, RiskRule, refuseBy, refuseWithoutPrice } from '../risk-rule';

/**
 * The position a symbol would reach if this order and every open order on its side filled must
 * stay within the limit; an order that brings it closer to zero always passes.
 */
export const maxPositionRule: RiskRule = {
  id: 'max-position',
  check(input) {
    const { qty } = input.estimate;
    if (qty === null) return refuseWithoutPrice(this, input, 'quantity');
    const { positionQty, openBuyQty, openSellQty } = input.account;
    const before = input.order.side === 'buy' ? dec(positionQty).plus(openBuyQty) : dec(positionQty).minus(openSellQty);
    const projected = input.order.side === 'buy' ? before.plus(qty) : before.minus(qty);
    const limit = input.limits.maxPositionQty;
    if (projected.abs().lte(limit) || projected.abs().lte(before.abs())) return PASS;
    return refuseBy(
      this,
      input,
      'RISK.MAX_POSITION',
      `Position in ${input.order.symbol} would reach ${formatQty(projected)} (held ${positionQty}, open ${input.order.side === 'buy' ? openBuyQty : openSellQty}, this order ${qty}), the max position is ${limit}`,
      { limit, projected: formatQty(projected), positionQty, openBuyQty, openSellQty, requested: qty },
    );
  },
};
