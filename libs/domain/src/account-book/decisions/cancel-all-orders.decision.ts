import { requestCancel } from '../../orders/order-state-machine';
import { AccountBookEvent } from '../account-book.events';
import { AccountBookState } from '../account-book.state';
import { openOrders } from '../account-exposure';
import { CancelAllOrders } from '../commands/cancel-all-orders.command';
import { accountNotFound } from './account-refusals';
import { eventBase } from './event-base.factory';

/** A summary event listing the orders, then one cancel request per order, oldest first. */
export function decideCancelAllOrders(command: CancelAllOrders, state: AccountBookState): AccountBookEvent[] {
  const base = eventBase(command);
  if (state.status !== 'open') {
    return [{ type: 'CommandRejected', ...base, commandType: command.type, reason: accountNotFound(command.accountId) }];
  }
  const cancelable = openOrders(state)
    .filter((order) => requestCancel(order, base.at).ok)
    .sort((a, b) => compare(a.submittedAt, b.submittedAt) || compare(a.orderId, b.orderId));
  return [
    { type: 'CancelAllOrdersRequested', ...base, orderIds: cancelable.map((order) => order.orderId) },
    ...cancelable.map(
      (order): AccountBookEvent => ({ type: 'OrderCancelRequested', ...base, orderId: order.orderId, previousStatus: order.status }),
    ),
  ];
}

/** Code-unit order, the same on every machine (localeCompare is not). */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
