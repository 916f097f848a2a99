import { dec, formatQty } from '../../decimal';
import { PASS, RiskRule, refuseBy, refuseWithoutPrice } from '../risk-rule';

/**
 * Accounts are cash accounts: a sell must be covered by shares held and not already promised to
 * another open sell. (Short selling would need margin, which this domain does not model.)
 */
export const sellablePositionRule: RiskRule = {
  id: 'sellable-position',
  check(input) {
    if (input.order.side !== 'sell') return PASS;
    const { qty } = input.estimate;
    if (qty === null) return refuseWithoutPrice(this, input, 'quantity');
    const { positionQty, openSellQty } = input.account;
    const sellable = dec(positionQty).minus(openSellQty);
    if (dec(qty).lte(sellable)) return PASS;
    return refuseBy(
      this,
      input,
      'RISK.INSUFFICIENT_POSITION',
      `Sell of ${qty} ${input.order.symbol} exceeds the ${formatQty(sellable)} sellable (held ${positionQty}, open sells ${openSellQty})`,
      { requested: qty, sellable: formatQty(sellable), positionQty, openSellQty },
    );
  },
};
