import { Order } from '../orders/order';
import { OrderSpec } from '../orders/order-spec';
import { OrderContext } from '../risk/order-context';
import { estimateOrder } from '../risk/order-estimate';
import { RiskAcceptance } from '../risk/risk-acceptance';
import { RiskEngine } from '../risk/risk-engine';
import { stricterTradingState } from '../risk/trading-state';
import { IsoTime } from '../shared/iso-time';
import { Refusal, refusal } from '../shared/refusal';
import { exposureFor } from './account-exposure';
import { OpenAccountBook } from './account-book.state';

export type Assessment = { readonly passed: true; readonly risk: RiskAcceptance } | { readonly passed: false; readonly refusal: Refusal };

/** Runs the pre-trade rules for a new order (or a replacement of `replacing`) against the book. */
export function assessOrder(
  book: OpenAccountBook,
  order: OrderSpec,
  context: OrderContext,
  at: IsoTime,
  engine: RiskEngine,
  replacing: Order | null = null,
): Assessment {
  const estimate = estimateOrder(order, context.referencePrice, book.limits.priceCollarPct);
  const account = exposureFor(book, order.symbol, replacing?.orderId ?? null);
  const verdict = engine.check({ at, order, estimate, account, limits: book.limits, limitSetVersion: book.limitSetVersion, context });
  if (!verdict.passed) return verdict;
  const { notional, qty, reservedCash } = estimate;
  if (notional === null || qty === null || reservedCash === null) {
    // only reachable with a rule set that leaves out the reference-price rule: still fail closed
    return {
      passed: false,
      refusal: refusal('RISK.NO_REFERENCE_PRICE', `No reference price for ${order.symbol} to value the order`, {
        ruleId: 'order-estimate',
        details: { symbol: order.symbol, limitSetVersion: book.limitSetVersion },
      }),
    };
  }
  return {
    passed: true,
    risk: {
      limitSetVersion: book.limitSetVersion,
      referencePrice: context.referencePrice,
      tradingState: stricterTradingState(book.tradingState, context.globalTradingState),
      estimatedNotional: notional,
      exposureQty: qty,
      reservePrice: estimate.reservePrice,
      reservedCash,
    },
  };
}
