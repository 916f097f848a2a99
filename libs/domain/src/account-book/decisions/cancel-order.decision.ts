import { requestCancel } from '../../orders/order-state-machine';
import { AccountBookEvent } from '../account-book.events';
import { AccountBookState } from '../account-book.state';
import { CancelOrder } from '../commands/cancel-order.command';
import { accountNotFound, orderNotFound } from './account-refusals';
import { eventBase } from './event-base.factory';

/** Cancels are never risk-checked: they pass in every trading state. The broker confirms them. */
export function decideCancelOrder(command: CancelOrder, state: AccountBookState): AccountBookEvent[] {
  const base = eventBase(command);
  const orderId = command.orderId;
  if (state.status !== 'open') return [{ type: 'CancelRejected', ...base, orderId, reason: accountNotFound(command.accountId) }];
  const order = state.orders.get(orderId);
  if (!order) return [{ type: 'CancelRejected', ...base, orderId, reason: orderNotFound(orderId) }];
  const transition = requestCancel(order, base.at);
  if (!transition.ok) return [{ type: 'CancelRejected', ...base, orderId, reason: transition.refusals[0] }];
  return [{ type: 'OrderCancelRequested', ...base, orderId, previousStatus: order.status }];
}
