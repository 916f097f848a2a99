import { DecimalString, IsoTime, OrderSide, OrderStatus, PersistentRecord, isTerminal } from '@trading/domain';
import { BrokerIntent, ExecutionJournalEntry } from './execution-journal.entries';

/** An order the execution service routed, as far as the journal knows it. */
export interface TrackedOrder {
  readonly orderId: string;
  readonly accountId: string;
  readonly broker: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly correlationId: string;
  readonly intendedAt: IsoTime;
  /** The OMS's status of the order (from the order events). */
  readonly status: OrderStatus;
  readonly filledQty: DecimalString;
  /** The replacement last requested for this order, to name it when the broker says `replaced`. */
  readonly replacementOrderId: string | null;
}

export interface InFlightIntent {
  readonly intent: BrokerIntent;
  /** `pending`: no outcome recorded (crash between commit and send); `unknown`: maybe sent. */
  readonly outcome: 'pending' | 'unknown';
}

/**
 * One journal partition folded: the open orders of its accounts and the requests without a known
 * outcome. Persistent records, not Maps copied at every entry: a partition with many resting
 * orders made every entry cost all of them.
 */
export interface ExecutionJournalState {
  readonly orders: PersistentRecord<TrackedOrder>;
  readonly inFlight: PersistentRecord<InFlightIntent>;
}

export const emptyExecutionJournalState = (): ExecutionJournalState => ({ orders: PersistentRecord.empty(), inFlight: PersistentRecord.empty() });

export function evolveExecutionJournal(state: ExecutionJournalState, entry: ExecutionJournalEntry): ExecutionJournalState {
  switch (entry.type) {
    case 'BrokerSubmitIntended': {
      const { order } = entry;
      const tracked = track(entry, order.clientOrderId, order.symbol, order.side);
      return { orders: state.orders.set(tracked.orderId, tracked), inFlight: withInFlight(state, entry) };
    }
    case 'BrokerCancelIntended':
      return { ...state, inFlight: withInFlight(state, entry) };
    case 'BrokerReplaceIntended': {
      const { replacement } = entry.request;
      const orders = state.orders.set(replacement.clientOrderId, track(entry, replacement.clientOrderId, replacement.symbol, replacement.side));
      const original = state.orders.get(entry.orderId);
      return {
        orders: original ? orders.set(original.orderId, { ...original, replacementOrderId: replacement.clientOrderId }) : orders,
        inFlight: withInFlight(state, entry),
      };
    }
    case 'BrokerRequestSent':
    case 'BrokerRequestRefused':
      return settle(state, entry.intentId);
    case 'BrokerRequestUnknown': {
      const current = state.inFlight.get(entry.intentId);
      if (!current) return state;
      return { ...state, inFlight: state.inFlight.set(entry.intentId, { ...current, outcome: 'unknown' }) };
    }
    case 'OmsOrderStatusObserved':
      return observe(state, entry.orderId, entry.status, entry.filledQty);
    default: {
      const unknown: never = entry;
      throw new Error(`Unknown journal entry ${(unknown as { type: string }).type}`);
    }
  }
}

function track(intent: BrokerIntent, orderId: string, symbol: string, side: OrderSide): TrackedOrder {
  return {
    orderId,
    accountId: intent.accountId,
    broker: intent.broker,
    symbol,
    side,
    correlationId: intent.correlationId,
    intendedAt: intent.at,
    status: 'pending_new',
    filledQty: '0',
    replacementOrderId: null,
  };
}

function withInFlight(state: ExecutionJournalState, intent: BrokerIntent): PersistentRecord<InFlightIntent> {
  return state.inFlight.set(intent.intentId, { intent, outcome: 'pending' });
}

function settle(state: ExecutionJournalState, intentId: string): ExecutionJournalState {
  return state.inFlight.has(intentId) ? { ...state, inFlight: state.inFlight.delete(intentId) } : state;
}

/**
 * The OMS heard from the broker about this order: any status past `pending_new` proves the broker
 * has it, so a submit still in flight is settled; a terminal status ends the tracking.
 */
function observe(state: ExecutionJournalState, orderId: string, status: OrderStatus, filledQty: DecimalString | null): ExecutionJournalState {
  const order = state.orders.get(orderId);
  if (!order) return state;
  let inFlight = state.inFlight;
  for (const [intentId, { intent }] of state.inFlight) {
    const settlesSubmit = intent.type === 'BrokerSubmitIntended' && status !== 'pending_new';
    if (intent.orderId === orderId && (settlesSubmit || isTerminal(status))) inFlight = inFlight.delete(intentId);
  }
  const orders = isTerminal(status) ? state.orders.delete(orderId) : state.orders.set(orderId, { ...order, status, filledQty: filledQty ?? order.filledQty });
  return { orders, inFlight };
}
