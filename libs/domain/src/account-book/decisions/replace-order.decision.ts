import { dec, formatQty } from '../../decimal';
import { Order } from '../../orders/order';
import { OrderRequest } from '../../orders/order-request';
import { requestReplace } from '../../orders/order-state-machine';
import { validateOrderRequest } from '../../orders/order-validation';
import { RiskEngine } from '../../risk/risk-engine';
import { Refusal, refusal } from '../../shared/refusal';
import { AccountBookEvent } from '../account-book.events';
import { AccountBookState } from '../account-book.state';
import { ReplaceOrder } from '../commands/replace-order.command';
import { assessOrder } from '../order-assessment';
import { accountNotFound, combine, orderNotFound } from './account-refusals';
import { duplicateIds } from './place-order.decision';

import { eventBase } from './event-base.factory';

/**
 * Alpaca replace: a new order takes the old one's place. The OMS decides synchronously (the
 * replacement is validated and risk-checked as a new order, with the old order's cash and exposure
 * left out); the broker completes it later with a `replaced` report on the old order.
 */
export function decideReplaceOrder(command: ReplaceOrder, state: AccountBookState, engine: RiskEngine): AccountBookEvent[] {
  const replacementOrderId = command.metadata.orderId;
  const reject = (reason: Refusal): AccountBookEvent[] => [
    { type: 'ReplaceRejected', ...eventBase(command), orderId: command.orderId, replacementOrderId, request: command.request, reason },
  ];
  if (state.status !== 'open') return reject(accountNotFound(command.accountId));
  const old = state.orders.get(command.orderId);
  if (!old) return reject(orderNotFound(command.orderId));
  if (old.notional !== null) {
    return reject(refusal('ORDER.NOT_REPLACEABLE', `Order ${old.orderId} is a notional order, which cannot be replaced`, { details: { orderId: old.orderId } }));
  }
  const transition = requestReplace(old, replacementOrderId, command.metadata.at);
  if (!transition.ok) return reject(transition.refusals[0]);
  const validated = validateOrderRequest(replacementRequest(old, command));
  if (!validated.ok) return reject(combine(validated.refusals));
  const clientOrderId = command.request.clientOrderId ?? replacementOrderId;
  const duplicate = duplicateIds(state, replacementOrderId, clientOrderId);
  if (duplicate) return reject(duplicate);
  const assessment = assessOrder(state, validated.value, command.context, command.metadata.at, engine, old);
  if (!assessment.passed) return reject(assessment.refusal);
  return [
    {
      type: 'OrderReplaceRequested',
      ...eventBase(command),
      orderId: old.orderId,
      replacementOrderId,
      clientOrderId,
      order: validated.value,
      risk: assessment.risk,
    },
  ];
}

/** The old order with the requested changes; its quantity defaults to what is still unfilled. */
function replacementRequest(old: Order, command: ReplaceOrder): OrderRequest {
  const { request } = command;
  return {
    symbol: old.symbol,
    side: old.side,
    type: old.type,
    timeInForce: request.timeInForce ?? old.timeInForce,
    qty: request.qty ?? formatQty(dec(old.qty ?? '0').minus(old.filledQty)),
    notional: null,
    limitPrice: request.limitPrice ?? old.limitPrice,
    stopPrice: request.stopPrice ?? old.stopPrice,
    clientOrderId: request.clientOrderId ?? null,
  };
}
