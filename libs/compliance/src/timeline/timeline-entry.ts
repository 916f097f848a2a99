import { OrderStatus } from '@trading/domain';

export type TimelineKind = 'command' | 'decision' | 'execution-report' | 'journal';

/** One step of an order's life, from whichever topic recorded it. */
export interface TimelineEntry {
  readonly at: string;
  readonly kind: TimelineKind;
  readonly type: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly eventId: string;
  readonly seq: number;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** The W3C trace id of the record's `traceparent` header, if it had one. */
  readonly traceId: string | null;
  /** The order's status after a decision (null for the other kinds). */
  readonly status: OrderStatus | null;
  /** What the step says: risk inputs of a placement, the reason of a refusal, the broker's report... */
  readonly details: unknown;
}

export interface OrderTimeline {
  readonly orderId: string;
  readonly accountId: string;
  readonly entries: readonly TimelineEntry[];
}

const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

export function traceIdOf(headers: Readonly<Record<string, string>>): string | null {
  const match = TRACEPARENT.exec(headers.traceparent ?? '');
  return match?.[1] ?? null;
}
