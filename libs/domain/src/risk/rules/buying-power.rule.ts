import { dec, formatMoney } from '../../decimal';
import { PASS, RiskRule, refuseBy, refuseWithoutPrice } from '../risk-rule';

/** A buy must fit in the buying power: cash minus what open orders already hold. Sells hold no cash. */
export const buyingPowerRule: RiskRule = {
  id: 'buying-power',
  check(input) {
    if (input.order.side !== 'buy') return PASS;
    const { reservedCash } = input.estimate;
    if (reservedCash === null) return refuseWithoutPrice(this, input, 'cost');
    const { cash } = input.account;
    const buyingPower = dec(cash).minus(input.account.reservedCash);
    if (dec(reservedCash).lte(buyingPower)) return PASS;
    return refuseBy(
      this,
      input,
      'RISK.BUYING_POWER',
      `Order needs ${reservedCash} but the buying power is ${formatMoney(buyingPower)} (cash ${cash}, held by open orders ${input.account.reservedCash})`,
      { requested: reservedCash, buyingPower: formatMoney(buyingPower), cash, reservedCash: input.account.reservedCash, reservePrice: input.estimate.reservePrice },
    );
  },
};
