import { buyingPowerRule } from './rules/buying-power.rule';
import { duplicateOrderRule } from './rules/duplicate-order.rule';
import { maxOpenOrdersRule } from './rules/max-open-orders.rule';
import { maxOrderNotionalRule } from './rules/max-order-notional.rule';
import { maxOrderQtyRule } from './rules/max-order-qty.rule';
import { maxPositionRule } from './rules/max-position.rule';
import { orderRateRule } from './rules/order-rate.rule';
import { priceCollarRule } from './rules/price-collar.rule';
import { referencePriceRule } from './rules/reference-price.rule';
import { restrictedSymbolRule } from './rules/restricted-symbol.rule';
import { sellablePositionRule } from './rules/sellable-position.rule';
import { tradingStateRule } from './rules/trading-state.rule';
import { PASS, RiskCheckInput, RiskRule, RiskVerdict } from './risk-rule';

/**
 * The rules in the order they run; the first refusal decides. The kill switch and restrictions
 * come first (they need no numbers), then the reference price every later rule relies on.
 */
export const DEFAULT_RISK_RULES: readonly RiskRule[] = Object.freeze([
  tradingStateRule,
  restrictedSymbolRule,
  referencePriceRule,
  priceCollarRule,
  maxOrderQtyRule,
  maxOrderNotionalRule,
  maxPositionRule,
  sellablePositionRule,
  buyingPowerRule,
  maxOpenOrdersRule,
  orderRateRule,
  duplicateOrderRule,
]);

export interface RiskEngine {
  readonly rules: readonly RiskRule[];
  check(input: RiskCheckInput): RiskVerdict;
}

export function createRiskEngine(rules: readonly RiskRule[] = DEFAULT_RISK_RULES): RiskEngine {
  const frozen = Object.freeze([...rules]);
  return {
    rules: frozen,
    check(input) {
      for (const rule of frozen) {
        const verdict = rule.check(input);
        if (!verdict.passed) return verdict;
      }
      return PASS;
    },
  };
}
