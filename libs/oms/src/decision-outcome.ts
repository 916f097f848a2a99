import { EventEnvelope } from '@trading/messaging';

export interface DecisionOutcome {
  readonly outcome: 'accepted' | 'rejected';
  /** The refusal code (`RISK.BUYING_POWER`, ...); empty when accepted. */
  readonly rule: string;
}

/** Events that are the OMS refusing a command; their payload names the refusal. */
const REFUSALS: ReadonlySet<string> = new Set(['OrderRejected', 'CancelRejected', 'ReplaceRejected', 'CommandRejected']);

/** Events that open the answer to an accepted command (what follows them belongs to the same decision). */
const ACCEPTANCES: ReadonlySet<string> = new Set([
  'OrderPlaced',
  'OrderCancelRequested',
  'CancelAllOrdersRequested',
  'OrderReplaceRequested',
  'AccountOpened',
  'RiskLimitsSet',
  'TradingStateSet',
  'GlobalTradingStateSet',
]);

/**
 * The decision the events of one command express, or null when they are not a decision on a
 * command (the effects of an execution report).
 */
export function decisionOutcome(events: readonly Pick<EventEnvelope, 'type' | 'payload'>[]): DecisionOutcome | null {
  const refusal = events.find((event) => REFUSALS.has(event.type));
  if (refusal) {
    const { reason } = refusal.payload as { reason?: { code?: string } };
    return { outcome: 'rejected', rule: reason?.code ?? '' };
  }
  const [first] = events;
  return first && ACCEPTANCES.has(first.type) ? { outcome: 'accepted', rule: '' } : null;
}
