import { dec } from '../../decimal';
import { PASS, RiskRule, refuseBy, refuseWithoutPrice } from '../risk-rule';

export const maxOrderNotionalRule: RiskRule = {
  id: 'max-order-notional',
  check(input) {
    const { notional, unitPrice } = input.estimate;
    if (notional === null) return refuseWithoutPrice(this, input, 'notional');
    const limit = input.limits.maxOrderNotional;
    if (dec(notional).lte(limit)) return PASS;
    const referencePrice = input.context.referencePrice?.price ?? null;
    return refuseBy(
      this,
      input,
      'RISK.MAX_NOTIONAL',
      `Order notional ${notional} (${input.estimate.qty ?? '?'} x ${unitPrice ?? '?'}) exceeds the max order notional of ${limit}`,
      { limit, requested: notional, unitPrice, referencePrice },
    );
  },
};
