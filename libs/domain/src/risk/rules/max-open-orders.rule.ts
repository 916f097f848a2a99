import { PASS, RiskRule, refuseBy } from '../risk-rule';

export const maxOpenOrdersRule: RiskRule = {
  id: 'max-open-orders',
  check(input) {
    const open = input.account.openOrderCount;
    const limit = input.limits.maxOpenOrders;
    if (open < limit) return PASS;
    return refuseBy(this, input, 'RISK.MAX_OPEN_ORDERS', `The account has ${open} open orders, the max is ${limit}`, {
      limit,
      openOrders: open,
    });
  },
};
