import { dec } from '../../decimal';
import { PASS, RiskRule, refuseBy, refuseWithoutPrice } from '../risk-rule';

export const maxOrderQtyRule: RiskRule = {
  id: 'max-order-qty',
  check(input) {
    const { qty } = input.estimate;
    if (qty === null) return refuseWithoutPrice(this, input, 'quantity');
    const limit = input.limits.maxOrderQty;
    if (dec(qty).lte(limit)) return PASS;
    return refuseBy(this, input, 'RISK.MAX_ORDER_QTY', `Order quantity ${qty} exceeds the max order quantity of ${limit}`, {
      limit,
      requested: qty,
    });
  },
};
