import { Dec, dec } from '../../decimal';
import { PASS, RiskCheckInput, RiskRule, refuseBy } from '../risk-rule';
import { stricterTradingState } from '../trading-state';

/**
 * The kill switch: the stricter of the account's and the global trading state applies. HALTED
 * refuses every order; REDUCING accepts only an order that brings the position closer to zero
 * without crossing it, counting the open orders on the same side.
 */
export const tradingStateRule: RiskRule = {
  id: 'trading-state',
  check(input) {
    const { account, context } = input;
    const state = stricterTradingState(account.tradingState, context.globalTradingState);
    const states = { accountTradingState: account.tradingState, globalTradingState: context.globalTradingState };
    if (state === 'HALTED') {
      return refuseBy(this, input, 'RISK.TRADING_HALTED', `Trading is halted (account ${states.accountTradingState}, global ${states.globalTradingState})`, states);
    }
    if (state === 'REDUCING' && !reducesExposure(input)) {
      return refuseBy(
        this,
        input,
        'RISK.TRADING_REDUCING',
        `Trading is reducing-only (account ${states.accountTradingState}, global ${states.globalTradingState}): a ${input.order.side} of ${input.estimate.qty ?? 'unknown qty'} ${input.order.symbol} does not reduce the position of ${account.positionQty}`,
        { ...states, side: input.order.side, qty: input.estimate.qty, positionQty: account.positionQty },
      );
    }
    return PASS;
  },
};

function reducesExposure({ order, estimate, account }: RiskCheckInput): boolean {
  if (estimate.qty === null) return false;
  const position = dec(account.positionQty);
  const qty = dec(estimate.qty);
  const reducible: Dec =
    order.side === 'sell' ? position.minus(account.openSellQty) : position.negated().minus(account.openBuyQty);
  return reducible.gt(0) && qty.lte(reducible);
}
