import { validateOrderRequest } from '../../orders/order-validation';
import { RiskEngine } from '../../risk/risk-engine';
import { Refusal, refusal } from '../../shared/refusal';
import { AccountBookEvent } from '../account-book.events';
import { AccountBookState, OpenAccountBook } from '../account-book.state';
import { PlaceOrder } from '../commands/place-order.command';
import { assessOrder } from '../order-assessment';
import { accountNotFound, combine } from './account-refusals';
import { eventBase } from './event-base.factory';

/** Validation, then idempotency of ids, then risk: the first refusal becomes `OrderRejected`. */
export function decidePlaceOrder(command: PlaceOrder, state: AccountBookState, engine: RiskEngine): AccountBookEvent[] {
  const { request } = command;
  const orderId = command.metadata.orderId;
  const reject = (reason: Refusal): AccountBookEvent[] => [
    { type: 'OrderRejected', ...eventBase(command), orderId, clientOrderId: request.clientOrderId, request, reason },
  ];
  if (state.status !== 'open') return reject(accountNotFound(command.accountId));
  const validated = validateOrderRequest(request);
  if (!validated.ok) return reject(combine(validated.refusals));
  const clientOrderId = request.clientOrderId ?? orderId;
  const duplicate = duplicateIds(state, orderId, clientOrderId);
  if (duplicate) return reject(duplicate);
  const assessment = assessOrder(state, validated.value, command.context, command.metadata.at, engine);
  if (!assessment.passed) return reject(assessment.refusal);
  return [
    { type: 'OrderPlaced', ...eventBase(command), orderId, clientOrderId, order: validated.value, risk: assessment.risk },
  ];
}

/** An order id or client order id the book already knows. */
export function duplicateIds(book: OpenAccountBook, orderId: string, clientOrderId: string): Refusal | null {
  if (book.orders.get(orderId)) {
    return refusal('ORDER.DUPLICATE_ORDER_ID', `Order id ${orderId} is already used`, { details: { orderId } });
  }
  const existing = book.clientOrderIds.get(clientOrderId);
  if (existing !== undefined) {
    return refusal('ORDER.DUPLICATE_CLIENT_ORDER_ID', `client_order_id ${clientOrderId} is already used by order ${existing}`, {
      field: 'client_order_id',
      details: { clientOrderId, orderId: existing },
    });
  }
  return null;
}
