import { epochMs } from '../../shared/iso-time';
import { RecentOrder } from '../recent-order';
import { PASS, RiskCheckInput, RiskRule, refuseBy } from '../risk-rule';

/** Refuses an order identical (side, symbol, quantity or notional, prices) to one accepted moments ago. */
export const duplicateOrderRule: RiskRule = {
  id: 'duplicate-order',
  check(input) {
    const windowMs = input.limits.duplicateOrderWindowMs;
    if (windowMs === 0) return PASS;
    const since = epochMs(input.at) - windowMs;
    const twin = input.account.recentOrders.find((order) => epochMs(order.at) > since && sameOrder(order, input));
    if (!twin) return PASS;
    return refuseBy(
      this,
      input,
      'RISK.DUPLICATE_ORDER',
      `Same ${input.order.side} ${input.order.qty ?? `$${input.order.notional ?? ''}`} ${input.order.symbol} as order ${twin.orderId} at ${twin.at}, within ${windowMs} ms`,
      { duplicateOf: twin.orderId, duplicateAt: twin.at, windowMs },
    );
  },
};

function sameOrder(recent: RecentOrder, { order }: RiskCheckInput): boolean {
  return (
    recent.symbol === order.symbol &&
    recent.side === order.side &&
    recent.qty === order.qty &&
    recent.notional === order.notional &&
    recent.limitPrice === order.limitPrice &&
    recent.stopPrice === order.stopPrice
  );
}
