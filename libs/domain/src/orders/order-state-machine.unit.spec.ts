import { orderSpec } from '../testing/account-book.fixtures';
import { Order, createOrder } from './order';
import {
  abandonReplace,
  acknowledge,
  cancel,
  completeReplace,
  expire,
  rejectByBroker,
  rejectCancel,
  requestCancel,
  requestReplace,
} from './order-state-machine';
import { OrderStatus } from './order-status';
import { Checked } from '../shared/refusal';

const T = '2024-05-01T14:00:00.000Z';
const LATER = '2024-05-01T14:00:05.000Z';

function order(overrides: Partial<Order> = {}): Order {
  const base = createOrder({
    orderId: 'o-1',
    clientOrderId: 'o-1',
    spec: orderSpec(),
    risk: {
      limitSetVersion: 1,
      referencePrice: null,
      tradingState: 'ACTIVE',
      estimatedNotional: '1500.00',
      exposureQty: '10',
      reservePrice: '150.00',
      reservedCash: '1500.00',
    },
    replaces: null,
    at: T,
  });
  return { ...base, ...overrides };
}

/** One order in each status, built the way the state machine would have left it. */
const IN_STATUS: Readonly<Record<OrderStatus, Order>> = {
  pending_new: order(),
  accepted: order({ status: 'accepted', venueStatus: 'accepted' }),
  new: order({ status: 'new', venueStatus: 'new' }),
  partially_filled: order({ status: 'partially_filled', venueStatus: 'new', filledQty: '4', filledNotional: '600.00', filledAvgPrice: '150.00', reservedCash: '900.00' }),
  pending_cancel: order({ status: 'pending_cancel', venueStatus: 'new', cancelPending: true }),
  pending_replace: order({ status: 'pending_replace', venueStatus: 'new', replacedBy: 'r-1' }),
  filled: order({ status: 'filled', venueStatus: 'new', filledQty: '10', reservedCash: '0.00' }),
  canceled: order({ status: 'canceled', reservedCash: '0.00' }),
  expired: order({ status: 'expired', reservedCash: '0.00' }),
  replaced: order({ status: 'replaced', venueStatus: 'new', replacedBy: 'r-1', reservedCash: '0.00' }),
  rejected: order({ status: 'rejected', reservedCash: '0.00' }),
};

const ALL = Object.keys(IN_STATUS) as OrderStatus[];
const TERMINAL: OrderStatus[] = ['filled', 'canceled', 'expired', 'replaced', 'rejected'];

type Step = (order: Order) => Checked<Order>;

/** For each action: the status it leads to from each status it is allowed in, and the refusal code otherwise. */
const MACHINE: ReadonlyArray<[string, Step, Partial<Record<OrderStatus, OrderStatus>>, string]> = [
  ['acknowledge as new', (o) => acknowledge(o, 'new', LATER), { pending_new: 'new', accepted: 'new' }, 'ORDER.INVALID_TRANSITION'],
  ['acknowledge as accepted', (o) => acknowledge(o, 'accepted', LATER), { pending_new: 'accepted' }, 'ORDER.INVALID_TRANSITION'],
  [
    'request a cancel',
    (o) => requestCancel(o, LATER),
    { pending_new: 'pending_cancel', accepted: 'pending_cancel', new: 'pending_cancel', partially_filled: 'pending_cancel', pending_replace: 'pending_cancel' },
    'ORDER.NOT_CANCELABLE',
  ],
  ['have the cancel rejected', (o) => rejectCancel(o, LATER), { pending_cancel: 'new' }, 'ORDER.INVALID_TRANSITION'],
  [
    'be canceled by the broker',
    (o) => cancel(o, LATER),
    { pending_new: 'canceled', accepted: 'canceled', new: 'canceled', partially_filled: 'canceled', pending_cancel: 'canceled', pending_replace: 'canceled' },
    'ORDER.INVALID_TRANSITION',
  ],
  [
    'expire',
    (o) => expire(o, LATER),
    { pending_new: 'expired', accepted: 'expired', new: 'expired', partially_filled: 'expired', pending_cancel: 'expired', pending_replace: 'expired' },
    'ORDER.INVALID_TRANSITION',
  ],
  ['be rejected by the broker', (o) => rejectByBroker(o, LATER), { pending_new: 'rejected', accepted: 'rejected' }, 'ORDER.INVALID_TRANSITION'],
  [
    'request a replace',
    (o) => requestReplace(o, 'r-2', LATER),
    { accepted: 'pending_replace', new: 'pending_replace', partially_filled: 'pending_replace' },
    'ORDER.NOT_REPLACEABLE',
  ],
  ['be replaced', (o) => completeReplace(o, 'r-1', LATER), { pending_replace: 'replaced' }, 'any'],
  ['abandon the replace', (o) => abandonReplace(o, 'r-1', LATER), { pending_replace: 'new' }, 'ORDER.INVALID_TRANSITION'],
];

describe('order state machine', () => {
  describe.each(MACHINE)('%s', (_action, step, allowed, code) => {
    const cases = ALL.map((from) => [from, allowed[from] ?? null] as const);

    it.each(cases)('from %s → %s', (from, to) => {
      const result = step(IN_STATUS[from]);
      const outcome = result.ok ? `${result.value.status} at ${result.value.updatedAt}` : code === 'any' ? 'refused' : result.refusals[0].code;
      expect(outcome).toBe(to === null ? (code === 'any' ? 'refused' : code) : `${to} at ${LATER}`);
    });
  });

  describe('terminal orders never change again', () => {
    it.each(TERMINAL)('%s refuses every action', (status) => {
      for (const [, step] of MACHINE) expect(step(IN_STATUS[status]).ok).toBe(false);
    });
  });

  describe('releasing cash', () => {
    it.each<[string, Step]>([
      ['canceled', (o) => cancel(o, LATER)],
      ['expired', (o) => expire(o, LATER)],
      ['rejected', (o) => rejectByBroker(o, LATER)],
    ])('a %s order holds no cash any more', (_status, step) => {
      expect(step(IN_STATUS.pending_new)).toMatchObject({ ok: true, value: { reservedCash: '0.00' } });
    });

    it('a replaced order holds no cash any more', () => {
      expect(completeReplace(IN_STATUS.pending_replace, 'r-1', LATER)).toMatchObject({ ok: true, value: { reservedCash: '0.00' } });
    });
  });

  describe('statuses layered over a working order', () => {
    it('a cancel refused by the broker leaves a partially filled order partially filled', () => {
      const pendingCancel = { ...IN_STATUS.partially_filled, cancelPending: true, status: 'pending_cancel' as const };
      expect(rejectCancel(pendingCancel, LATER)).toMatchObject({ ok: true, value: { status: 'partially_filled' } });
    });

    it('a cancel refused by the broker during a replace goes back to pending_replace', () => {
      const both = { ...IN_STATUS.pending_replace, cancelPending: true, status: 'pending_cancel' as const };
      expect(rejectCancel(both, LATER)).toMatchObject({ ok: true, value: { status: 'pending_replace', replacedBy: 'r-1' } });
    });

    it('an acknowledgement racing a cancel request is recorded without leaving pending_cancel', () => {
      const cancelBeforeAck = { ...IN_STATUS.pending_new, cancelPending: true, status: 'pending_cancel' as const };
      expect(acknowledge(cancelBeforeAck, 'new', LATER)).toMatchObject({ ok: true, value: { status: 'pending_cancel', venueStatus: 'new' } });
    });

    it('a replace completed by another replacement than the one requested is refused', () => {
      const result = completeReplace(IN_STATUS.pending_replace, 'someone-else', LATER);
      expect(result).toMatchObject({ ok: false, refusals: [{ code: 'EXECUTION.REPLACEMENT_MISMATCH' }] });
    });

    it('a partially filled order that was never acknowledged cannot be replaced', () => {
      const unacknowledged = { ...IN_STATUS.partially_filled, venueStatus: null };
      expect(requestReplace(unacknowledged, 'r-2', LATER)).toMatchObject({ ok: false, refusals: [{ code: 'ORDER.NOT_REPLACEABLE' }] });
    });
  });
});
