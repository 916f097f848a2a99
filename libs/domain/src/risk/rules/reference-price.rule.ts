import { epochMs, isIsoTime } from '../../shared/iso-time';
import { referenceFor } from '../order-estimate';
import { PASS, RiskRule, refuseBy } from '../risk-rule';

/**
 * Every new order needs a fresh reference price for its symbol: the collar, the notional and the
 * cash to hold all depend on it. None, or older (or further in the future) than the limit allows:
 * refused, never guessed.
 */
export const referencePriceRule: RiskRule = {
  id: 'reference-price',
  check(input) {
    const reference = input.context.referencePrice;
    if (reference === null || referenceFor(input.order, reference) === null || !isIsoTime(reference.at)) {
      return refuseBy(this, input, 'RISK.NO_REFERENCE_PRICE', `No reference price for ${input.order.symbol}`, {
        symbol: input.order.symbol,
      });
    }
    const ageMs = epochMs(input.at) - epochMs(reference.at);
    const maxAgeMs = input.limits.maxReferencePriceAgeMs;
    if (Math.abs(ageMs) <= maxAgeMs) return PASS;
    return refuseBy(
      this,
      input,
      'RISK.STALE_REFERENCE_PRICE',
      `Reference price ${reference.price} for ${input.order.symbol} from ${reference.source} is ${ageMs} ms old, the limit is ${maxAgeMs} ms`,
      { symbol: input.order.symbol, referencePrice: reference.price, referenceAt: reference.at, ageMs, maxAgeMs },
    );
  },
};
