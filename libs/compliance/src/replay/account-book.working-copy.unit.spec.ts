import { AccountBookCommand, AccountBookEvent, accountBookDecider, AccountBookState, ExecutionReport, OpenAccountBook, OrderRequest } from '@trading/domain';
import fc from 'fast-check';
import { AccountBookWorkingCopy } from './account-book.working-copy';

const ACCOUNT = 'acct-1';
const T0 = Date.parse('2026-03-02T14:30:00.000Z');

/** What to do next, picked by fast-check; ids and times are filled in by `historyOf`. */
type Step =
  | { readonly kind: 'place'; readonly side: 'buy' | 'sell'; readonly qty: number; readonly price: number; readonly reuseId: boolean }
  | { readonly kind: 'report'; readonly order: number; readonly report: 'acknowledged' | 'partial_fill' | 'fill' | 'canceled' | 'cancel_rejected' | 'rejected' | 'expired' | 'replaced'; readonly qty: number }
  | { readonly kind: 'cancel'; readonly order: number }
  | { readonly kind: 'cancel-all' }
  | { readonly kind: 'replace'; readonly order: number; readonly qty: number }
  | { readonly kind: 'limits'; readonly maxOpenOrders: number }
  | { readonly kind: 'trading'; readonly state: 'ACTIVE' | 'REDUCING' | 'HALTED' }
  | { readonly kind: 'redeliver' }
  | { readonly kind: 'reopen' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('place' as const), side: fc.constantFrom('buy' as const, 'sell' as const), qty: fc.integer({ min: 1, max: 20 }), price: fc.integer({ min: 145, max: 155 }), reuseId: fc.boolean() }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('report' as const), order: fc.nat(), report: fc.constantFrom('acknowledged' as const, 'partial_fill' as const, 'fill' as const, 'canceled' as const, 'cancel_rejected' as const, 'rejected' as const, 'expired' as const, 'replaced' as const), qty: fc.integer({ min: 1, max: 10 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), order: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'cancel-all' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('replace' as const), order: fc.nat(), qty: fc.integer({ min: 1, max: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('limits' as const), maxOpenOrders: fc.integer({ min: 1, max: 50 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('trading' as const), state: fc.constantFrom('ACTIVE' as const, 'REDUCING' as const, 'HALTED' as const) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'redeliver' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reopen' as const }) },
);

/** The events the real decider decides for the steps, from an opened account (rejections included). */
function historyOf(steps: readonly Step[], orderIds: readonly string[] = []): AccountBookEvent[] {
  let state = accountBookDecider.initialState();
  const events: AccountBookEvent[] = [];
  const ids = [...orderIds];
  let tick = 0;
  let last: AccountBookCommand | null = null as AccountBookCommand | null;
  const metadata = () => {
    tick += 1;
    const at = new Date(T0 + tick * 700).toISOString();
    return { commandId: `cmd-${tick}`, correlationId: `corr-${tick}`, at };
  };
  const context = (at: string) => ({ referencePrice: { symbol: 'AAPL', price: '150.00', at, source: 'test' }, globalTradingState: 'ACTIVE' as const });
  const pick = (n: number): string => ids[n % Math.max(1, ids.length)] ?? 'o-none';
  const decide = (command: AccountBookCommand) => {
    last = command;
    for (const event of accountBookDecider.decide(command, state)) {
      state = accountBookDecider.evolve(state, event);
      events.push(event);
    }
  };
  decide({ type: 'OpenAccount', accountId: ACCOUNT, startingCash: '100000', metadata: metadata() });
  for (const next of steps) {
    const meta = metadata();
    switch (next.kind) {
      case 'place': {
        const orderId = next.reuseId && ids.length > 0 ? pick(tick) : `o-${tick}`;
        if (!ids.includes(orderId)) ids.push(orderId);
        const request: OrderRequest = {
          symbol: 'AAPL', side: next.side, type: 'limit', timeInForce: 'day', qty: String(next.qty), notional: null,
          limitPrice: `${next.price}.00`, stopPrice: null, clientOrderId: null,
        };
        decide({ type: 'PlaceOrder', accountId: ACCOUNT, request, context: context(meta.at), metadata: { ...meta, orderId } });
        break;
      }
      case 'report': {
        const orderId = pick(next.order);
        const pending = state.status === 'open' ? (state.orders.get(orderId)?.replacedBy ?? null) : null;
        const replacement = pending ?? `${orderId}-r`;
        const reports: Record<typeof next.report, ExecutionReport> = {
          acknowledged: { kind: 'acknowledged', orderId, venueStatus: 'new' },
          partial_fill: { kind: 'partial_fill', orderId, executionId: `x-${tick}`, qty: String(next.qty), price: '149.50', venue: 'XNAS', executedAt: meta.at },
          fill: { kind: 'fill', orderId, executionId: `x-${tick}`, qty: String(next.qty), price: '150.25', venue: null, executedAt: null },
          canceled: { kind: 'canceled', orderId, reason: null },
          cancel_rejected: { kind: 'cancel_rejected', orderId, reason: 'too late' },
          rejected: { kind: 'rejected', orderId, reason: 'venue closed' },
          expired: { kind: 'expired', orderId },
          replaced: { kind: 'replaced', orderId, replacementOrderId: replacement },
        };
        decide({ type: 'ApplyExecutionReport', accountId: ACCOUNT, report: reports[next.report], metadata: meta });
        break;
      }
      case 'cancel':
        decide({ type: 'CancelOrder', accountId: ACCOUNT, orderId: pick(next.order), metadata: meta });
        break;
      case 'cancel-all':
        decide({ type: 'CancelAllOrders', accountId: ACCOUNT, metadata: meta });
        break;
      case 'replace': {
        const orderId = pick(next.order);
        const replacementId = `${orderId}-r${tick}`;
        ids.push(replacementId);
        decide({ type: 'ReplaceOrder', accountId: ACCOUNT, orderId, request: { qty: String(next.qty) }, context: context(meta.at), metadata: { ...meta, orderId: replacementId } });
        break;
      }
      case 'limits':
        decide({ type: 'SetRiskLimits', accountId: ACCOUNT, limits: { maxOpenOrders: next.maxOpenOrders }, metadata: meta });
        break;
      case 'trading':
        decide({ type: 'SetTradingState', accountId: ACCOUNT, tradingState: next.state, reason: 'test', metadata: meta });
        break;
      case 'redeliver':
        if (last) decide(last);
        break;
      case 'reopen':
        decide({ type: 'OpenAccount', accountId: ACCOUNT, startingCash: '100000', metadata: meta });
        break;
      default: {
        const unknown: never = next;
        throw new Error(`unknown step ${String(unknown)}`);
      }
    }
  }
  return events;
}

/** Replaced, then a replacement refused by the broker (its original gets its status back), then a second open. */
const REPLACE_FLOW: readonly Step[] = [
  { kind: 'place', side: 'buy', qty: 5, price: 150, reuseId: false },
  { kind: 'report', order: 0, report: 'acknowledged', qty: 1 },
  { kind: 'replace', order: 0, qty: 6 },
  { kind: 'report', order: 0, report: 'replaced', qty: 1 },
  { kind: 'place', side: 'buy', qty: 7, price: 151, reuseId: false },
  { kind: 'report', order: 2, report: 'acknowledged', qty: 1 },
  { kind: 'replace', order: 2, qty: 8 },
  { kind: 'report', order: 3, report: 'rejected', qty: 1 },
  { kind: 'reopen' },
];

const pureFold = (events: readonly AccountBookEvent[]): AccountBookState => events.reduce(accountBookDecider.evolve, accountBookDecider.initialState());

function workingFold(events: readonly AccountBookEvent[]): AccountBookState {
  const copy = new AccountBookWorkingCopy();
  for (const event of events) copy.apply(event);
  return copy.snapshot();
}

describe('the account book working copy replay folds in place', () => {
  it('given generated histories of every command the decider takes, then it reaches the state of the domain\'s pure fold, event by event', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 120 }), (steps) => {
        const events = historyOf(steps);
        const copy = new AccountBookWorkingCopy();
        let pure = accountBookDecider.initialState();
        for (const event of events) {
          copy.apply(event);
          pure = accountBookDecider.evolve(pure, event);
        }
        expect(copy.snapshot()).toEqual(pure);
        expect(JSON.stringify(copy.snapshot())).toBe(JSON.stringify(pure));
      }),
      { numRuns: 150, examples: [[[...REPLACE_FLOW]]] },
    );
  });

  it('covers every account-book event type with the generated histories and a scripted replace flow', () => {
    const sampled = fc.sample(fc.array(step, { minLength: 60, maxLength: 120 }), { numRuns: 60, seed: 7 }).flatMap((steps) => historyOf(steps));
    const seen = new Set([...sampled, ...historyOf(REPLACE_FLOW)].map((event) => event.type));

    expect([...seen].sort()).toEqual([
      'AccountOpened', 'CancelAllOrdersRequested', 'CancelRejected', 'CommandRejected', 'ExecutionReportRejected', 'OrderAcknowledged',
      'OrderCancelRejectedByBroker', 'OrderCancelRequested', 'OrderCanceled', 'OrderExpired', 'OrderFilled', 'OrderPartiallyFilled',
      'OrderPlaced', 'OrderRejected', 'OrderRejectedByBroker', 'OrderReplaceAbandoned', 'OrderReplaceRequested', 'OrderReplaced',
      'ReplaceRejected', 'RiskLimitsSet', 'TradingStateSet',
    ]);
  });

  it('given more than the remembered number of commands, then it remembers the same last ones', () => {
    const events = historyOf(Array.from({ length: 2_600 }, (_, n): Step => ({ kind: 'trading', state: n % 2 === 0 ? 'HALTED' : 'ACTIVE' })));

    expect(workingFold(events)).toEqual(pureFold(events));
  });

  it('given an event evolve refuses, then it throws the domain\'s error and keeps its state', () => {
    const events = historyOf([{ kind: 'place', side: 'buy', qty: 1, price: 150, reuseId: false }]);
    const copy = new AccountBookWorkingCopy();
    for (const event of events) copy.apply(event);
    const placed = events.find((event) => event.type === 'OrderPlaced')!;
    const before = copy.snapshot();

    expect(() => copy.apply(placed)).toThrow(expect.objectContaining({ code: 'EVENT.INCONSISTENT' }) as Error);
    expect(() => pureFold([...events, placed])).toThrow(expect.objectContaining({ code: 'EVENT.INCONSISTENT' }) as Error);
    expect(copy.snapshot()).toEqual(before);
  });

  it('given an order id that is an Object.prototype name, then it is an own entry as in the pure fold', () => {
    const events = historyOf([{ kind: 'place', side: 'buy', qty: 1, price: 150, reuseId: true }, { kind: 'report', order: 0, report: 'fill', qty: 1 }], ['__proto__']);

    expect(workingFold(events)).toEqual(pureFold(events));
    const orders = (workingFold(events) as OpenAccountBook).orders;
    expect([...orders.keys()]).toEqual(['__proto__']);
    expect(Object.keys(orders.toJSON())).toEqual(['__proto__']);
  });

  describe('given fills the spelled-out fold leaves to the domain\'s evolve', () => {
    const steps: Step[] = [
      { kind: 'place', side: 'buy', qty: 7, price: 150, reuseId: false },
      { kind: 'report', order: 0, report: 'acknowledged', qty: 1 },
      { kind: 'report', order: 0, report: 'partial_fill', qty: 3 },
      { kind: 'place', side: 'sell', qty: 2, price: 150, reuseId: false },
      { kind: 'report', order: 1, report: 'fill', qty: 2 },
      { kind: 'report', order: 0, report: 'fill', qty: 4 },
    ];

    it('when an order\'s fields are not in createOrder\'s order, then its acknowledgement and fills fold as the pure fold does', () => {
      const events = historyOf(steps).map((event): AccountBookEvent => {
        if (event.type !== 'OrderPlaced') return event;
        const { symbol, ...rest } = event.order;
        return { ...event, order: { ...rest, symbol } };
      });

      expect(JSON.stringify(workingFold(events))).toBe(JSON.stringify(pureFold(events)));
    });

    it('when the cash is beyond the exact range of the replay decimals, then the fills fold as the pure fold does', () => {
      const events = historyOf(steps).map((event): AccountBookEvent => (event.type === 'AccountOpened' ? { ...event, cash: '123456789012345678.25' } : event));

      expect(JSON.stringify(workingFold(events))).toBe(JSON.stringify(pureFold(events)));
      expect((workingFold(events) as { cash: string }).cash).toBe((pureFold(events) as { cash: string }).cash);
    });
  });
});
