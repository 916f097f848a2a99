import { Order } from '../../orders/order';
import { isOpen } from '../../orders/order-status';
import {
  abandonReplace,
  acknowledge,
  cancel,
  completeReplace,
  expire,
  rejectByBroker,
  rejectCancel,
} from '../../orders/order-state-machine';
import { Refusal } from '../../shared/refusal';
import { InvalidCommandError } from '../account-book.errors';
import { AccountBookEvent } from '../account-book.events';
import { AccountBookState, OpenAccountBook } from '../account-book.state';
import { ApplyExecutionReport } from '../commands/apply-execution-report.command';
import { EventBase } from '../events/event-base';
import { accountNotFound, orderNotFound } from './account-refusals';
import { eventBase } from './event-base.factory';
import { decideFill } from './fill.decision';

/** Applies a broker report to its order; a report that cannot apply is recorded as rejected. */
export function decideExecutionReport(command: ApplyExecutionReport, state: AccountBookState): AccountBookEvent[] {
  const { report } = command;
  const base = eventBase(command);
  const reject = (reason: Refusal): AccountBookEvent[] => [
    { type: 'ExecutionReportRejected', ...base, orderId: report.orderId, report, reason },
  ];
  if (state.status !== 'open') return reject(accountNotFound(command.accountId));
  const order = state.orders.get(report.orderId);
  if (!order) return reject(orderNotFound(report.orderId));
  const orderId = order.orderId;

  switch (report.kind) {
    case 'acknowledged': {
      const next = acknowledge(order, report.venueStatus, base.at);
      if (!next.ok) return reject(next.refusals[0]);
      return [{ type: 'OrderAcknowledged', ...base, orderId, venueStatus: report.venueStatus, status: next.value.status }];
    }
    case 'partial_fill':
    case 'fill':
      return decideFill(state, order, report, base, reject);
    case 'canceled': {
      const next = cancel(order, base.at);
      if (!next.ok) return reject(next.refusals[0]);
      return [{ type: 'OrderCanceled', ...base, orderId, reason: report.reason }, ...abandonedReplace(state, order, base)];
    }
    case 'cancel_rejected': {
      const next = rejectCancel(order, base.at);
      if (!next.ok) return reject(next.refusals[0]);
      return [{ type: 'OrderCancelRejectedByBroker', ...base, orderId, reason: report.reason, status: next.value.status }];
    }
    case 'rejected': {
      const next = rejectByBroker(order, base.at);
      if (!next.ok) return reject(next.refusals[0]);
      return [{ type: 'OrderRejectedByBroker', ...base, orderId, reason: report.reason }, ...abandonedReplace(state, order, base)];
    }
    case 'expired': {
      const next = expire(order, base.at);
      if (!next.ok) return reject(next.refusals[0]);
      return [{ type: 'OrderExpired', ...base, orderId }, ...abandonedReplace(state, order, base)];
    }
    case 'replaced': {
      const next = completeReplace(order, report.replacementOrderId, base.at);
      if (!next.ok) return reject(next.refusals[0]);
      return [{ type: 'OrderReplaced', ...base, orderId, replacementOrderId: report.replacementOrderId }];
    }
    default: {
      const unknown: never = report;
      throw new InvalidCommandError(`Unknown execution report kind ${(unknown as { kind: string }).kind}`, { orderId });
    }
  }
}

/** A replacement that ends before the broker replaced its original gives the original back its status. */
function abandonedReplace(book: OpenAccountBook, replacement: Order, base: EventBase): AccountBookEvent[] {
  const original = replacement.replaces === null ? undefined : book.orders.get(replacement.replaces);
  if (!original || !isOpen(original.status) || original.replacedBy !== replacement.orderId) return [];
  const next = abandonReplace(original, replacement.orderId, base.at);
  if (!next.ok) return [];
  return [
    { type: 'OrderReplaceAbandoned', ...base, orderId: original.orderId, replacementOrderId: replacement.orderId, status: next.value.status },
  ];
}
