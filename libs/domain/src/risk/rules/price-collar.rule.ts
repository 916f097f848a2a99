import { dec, formatDecimal, formatPrice } from '../../decimal';
import { referenceFor } from '../order-estimate';
import { PASS, RiskRule, refuseBy, refuseWithoutPrice } from '../risk-rule';

/** A limit price more than `priceCollarPct` percent away from the reference price is refused. */
export const priceCollarRule: RiskRule = {
  id: 'price-collar',
  check(input) {
    const { limitPrice } = input.order;
    if (limitPrice === null) return PASS;
    const reference = referenceFor(input.order, input.context.referencePrice);
    if (reference === null) return refuseWithoutPrice(this, input, 'price collar');
    const deviation = dec(limitPrice).minus(reference).abs();
    const collar = input.limits.priceCollarPct;
    // |limit - ref| / ref > pct / 100, multiplied out so that nothing is divided or rounded
    if (deviation.times(100).lte(reference.times(collar))) return PASS;
    const deviationPct = formatDecimal(deviation.times(100).div(reference).toDecimalPlaces(2));
    return refuseBy(
      this,
      input,
      'RISK.PRICE_COLLAR',
      `Limit price ${limitPrice} is ${deviationPct}% from the reference price ${formatPrice(reference)}, the collar is ${collar}%`,
      { limit: collar, limitPrice, referencePrice: formatPrice(reference), deviationPct },
    );
  },
};
