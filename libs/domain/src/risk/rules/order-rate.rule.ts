import { epochMs } from '../../shared/iso-time';
import { PASS, RiskRule, refuseBy } from '../risk-rule';

/** At most `maxOrdersPerWindow` accepted orders in the window ending at the command's time. */
export const orderRateRule: RiskRule = {
  id: 'order-rate',
  check(input) {
    const { maxOrdersPerWindow: limit, orderRateWindowMs: windowMs } = input.limits;
    const since = epochMs(input.at) - windowMs;
    const recent = input.account.recentOrders.filter((order) => epochMs(order.at) > since).length;
    if (recent < limit) return PASS;
    return refuseBy(this, input, 'RISK.ORDER_RATE', `${recent} orders in the last ${windowMs} ms, the max is ${limit}`, {
      limit,
      windowMs,
      recentOrders: recent,
    });
  },
};
