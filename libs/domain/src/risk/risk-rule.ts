import { DecimalString } from '../decimal';
import { OrderSpec } from '../orders/order-spec';
import { IsoTime } from '../shared/iso-time';
import { JsonObject } from '../shared/json';
import { RiskCode } from '../shared/refusal-codes';
import { Refusal, refusal } from '../shared/refusal';
import { OrderContext } from './order-context';
import { OrderEstimate } from './order-estimate';
import { RecentOrder } from './recent-order';
import { RiskLimits } from './risk-limits';
import { TradingState } from './trading-state';

/** The account as risk sees it for one symbol; an order being replaced is already left out. */
export interface AccountExposure {
  readonly cash: DecimalString;
  /** Cash held by open orders. Buying power is cash minus this. */
  readonly reservedCash: DecimalString;
  /** Signed position in the order's symbol. */
  readonly positionQty: DecimalString;
  /** Unfilled quantity of open buys / sells in the order's symbol. */
  readonly openBuyQty: DecimalString;
  readonly openSellQty: DecimalString;
  readonly openOrderCount: number;
  readonly recentOrders: readonly RecentOrder[];
  readonly tradingState: TradingState;
}

export interface RiskCheckInput {
  readonly at: IsoTime;
  readonly order: OrderSpec;
  readonly estimate: OrderEstimate;
  readonly account: AccountExposure;
  readonly limits: RiskLimits;
  readonly limitSetVersion: number;
  readonly context: OrderContext;
}

export type RiskVerdict = { readonly passed: true } | { readonly passed: false; readonly refusal: Refusal };

/** One pre-trade check. Rules are pure and independent; the engine runs them in order. */
export interface RiskRule {
  readonly id: string;
  check(input: RiskCheckInput): RiskVerdict;
}

export const PASS: RiskVerdict = Object.freeze({ passed: true });

/** A refusal naming the rule, the numbers and the limit-set version, in the message and the details. */
export function refuseBy(rule: RiskRule, input: RiskCheckInput, code: RiskCode, message: string, details: JsonObject): RiskVerdict {
  return {
    passed: false,
    refusal: refusal(code, `${message} (rule ${rule.id}, limit set v${input.limitSetVersion})`, {
      ruleId: rule.id,
      details: { ...details, limitSetVersion: input.limitSetVersion },
    }),
  };
}

/** Rules that need a price the OMS does not have refuse: never guess (fail closed). */
export function refuseWithoutPrice(rule: RiskRule, input: RiskCheckInput, what: string): RiskVerdict {
  return refuseBy(rule, input, 'RISK.NO_REFERENCE_PRICE', `No reference price for ${input.order.symbol} to estimate the order's ${what}`, {
    symbol: input.order.symbol,
  });
}
