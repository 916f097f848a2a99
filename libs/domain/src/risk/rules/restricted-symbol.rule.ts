import { PASS, RiskRule, refuseBy } from '../risk-rule';

export const restrictedSymbolRule: RiskRule = {
  id: 'restricted-symbol',
  check(input) {
    if (!input.limits.restrictedSymbols.includes(input.order.symbol)) return PASS;
    return refuseBy(this, input, 'RISK.RESTRICTED_SYMBOL', `${input.order.symbol} is restricted for this account`, {
      symbol: input.order.symbol,
    });
  },
};
