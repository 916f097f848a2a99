import { AccountBookEvent } from '@trading/domain';
import { EventEnvelope } from '@trading/messaging';
import { orderIdsOf } from '@trading/read-models';

const field = (value: unknown, name: string): unknown =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;

/** An OMS event about the order (its own, a replacement's, a cancel-all listing it). */
export function isOrderEvent(envelope: EventEnvelope, orderId: string): boolean {
  return orderIdsOf(envelope.payload as AccountBookEvent).includes(orderId);
}

/**
 * A command, execution report or journal entry about the order: it names the order (as the
 * order, the replacement or the broker's client order id), or it caused one of the order's events.
 */
export function concernsOrder(envelope: EventEnvelope, orderId: string, causes: ReadonlySet<string>): boolean {
  if (causes.has(envelope.eventId)) return true;
  const payload = envelope.payload;
  const report = field(payload, 'report');
  const request = field(payload, 'request');
  const named = [
    field(payload, 'orderId'),
    field(payload, 'replacementOrderId'),
    field(report, 'orderId'),
    field(report, 'replacementOrderId'),
    field(field(request, 'replacement'), 'clientOrderId'),
  ];
  return named.includes(orderId);
}

/** What a decision recorded about its inputs: risk acceptance, refusal reason, fill, broker reason. */
const ENVELOPE_FIELDS = new Set(['type', 'accountId', 'commandId', 'at']);

export function decisionDetails(event: AccountBookEvent): unknown {
  return Object.fromEntries(Object.entries(event).filter(([name]) => !ENVELOPE_FIELDS.has(name)));
}
