import { formatPrice, formatQty, parseDecimal } from '../../decimal';
import { Order } from '../../orders/order';
import { Fill, applyFill, hasExecution } from '../../orders/order-fill';
import { FILL_PRICE_BOUNDS, QTY_BOUNDS } from '../../orders/order-limits';
import { IsoTime, isIsoTime } from '../../shared/iso-time';
import { Checked, Refusal, accept, refusal, refuse } from '../../shared/refusal';
import { AccountBookEvent } from '../account-book.events';
import { OpenAccountBook } from '../account-book.state';
import { FillReport } from '../commands/execution-report';
import { EventBase } from '../events/event-base';
import { settleFill } from '../settlement';

/**
 * A fill is applied once per execution id: a redelivered execution decides nothing. The event
 * carries the order's totals and the account's cash and position after the fill.
 */
export function decideFill(
  book: OpenAccountBook,
  order: Order,
  report: FillReport,
  base: EventBase,
  reject: (reason: Refusal) => AccountBookEvent[],
): AccountBookEvent[] {
  const read = readFill(report);
  if (!read.ok) return reject(read.refusals[0]);
  const { venue, executedAt, ...fill } = read.value;
  if (hasExecution(order, fill.executionId)) return [];
  const next = applyFill(order, fill, report.kind === 'fill', base.at);
  if (!next.ok) return reject(next.refusals[0]);
  const filled = next.value;
  const settled = settleFill(book, filled, fill);
  return [
    {
      type: filled.status === 'filled' ? 'OrderFilled' : 'OrderPartiallyFilled',
      ...base,
      orderId: order.orderId,
      symbol: order.symbol,
      side: order.side,
      executionId: fill.executionId,
      qty: fill.qty,
      price: fill.price,
      venue,
      executedAt,
      filledQty: filled.filledQty,
      filledAvgPrice: filled.filledAvgPrice ?? fill.price,
      status: filled.status,
      cash: settled.cash,
      positionQty: settled.positionQty,
    },
  ];
}

interface ReadFill extends Fill {
  readonly venue: string | null;
  readonly executedAt: IsoTime | null;
}

const VENUE = /^[A-Za-z0-9._:-]{1,64}$/;

/** A broker's numbers are untrusted like a client's: checked, then made canonical. */
function readFill(report: FillReport): Checked<ReadFill> {
  const invalid = (field: string, problem: string): Checked<ReadFill> =>
    refuse(refusal('EXECUTION.INVALID_FILL', `${field} ${problem}`, { field, details: { orderId: report.orderId } }));
  if (typeof report.executionId !== 'string' || report.executionId.length === 0 || report.executionId.length > 128) {
    return invalid('execution_id', 'must be 1 to 128 characters');
  }
  const qty = parseDecimal(report.qty, QTY_BOUNDS);
  if (!qty.ok) return invalid('qty', qty.problem);
  const price = parseDecimal(report.price, FILL_PRICE_BOUNDS);
  if (!price.ok) return invalid('price', price.problem);
  const venue = report.venue ?? null;
  if (venue !== null && (typeof venue !== 'string' || !VENUE.test(venue))) {
    return invalid('venue', 'must be 1 to 64 letters, digits, ".", "_", ":" or "-"');
  }
  const executedAt = report.executedAt ?? null;
  if (executedAt !== null && !isIsoTime(executedAt)) return invalid('executed_at', 'must be an ISO-8601 UTC time');
  return accept({ executionId: report.executionId, qty: formatQty(qty.value), price: formatPrice(price.value), venue, executedAt });
}
