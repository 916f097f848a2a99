import fc from 'fast-check';
import { Dec } from '../decimal';
import { AVG_PRICE_DECIMALS } from '../orders/order-fill';
import { fold } from '../shared/decider';
import {
  ACCOUNT_ID,
  at,
  cancelAllOrders,
  cancelOrder,
  executionReport,
  openAccount,
  placeOrder,
  replaceOrder,
} from '../testing/account-book.fixtures';
import { OrderLifecycleModel, Outcome } from '../testing/order-lifecycle.model';
import { accountBookDecider } from './account-book.decider';
import { AccountBookCommand } from './account-book.commands';
import { AccountBookEvent, isRejection } from './account-book.events';
import { AccountBookState, OpenAccountBook } from './account-book.state';
import { ExecutionReport } from './commands/execution-report';
import { openOrderTotals } from './open-order-totals';

/**
 * Random sequences of orders, cancels, replaces and broker reports (duplicates, races, overfills
 * and nonsense included) against a naive model of the order lifecycle. Orders are referred to
 * by position (`target`), resolved when the step runs, so most steps hit a real order.
 */
const qty = fc.constantFrom('0.1', '0.2', '0.5', '1', '2', '3', '5', '10');
const cents = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
const orderPrice = fc.integer({ min: 9_500, max: 10_500 }).map(cents);
const fillPrice = fc.oneof(orderPrice, fc.constantFrom('100.005', '99.9999', '100.123456789'));
const target = fc.nat({ max: 40 });
const executionId = fc.constantFrom('e-0', 'e-1', 'e-2', 'e-3', 'e-4', 'e-5');

type Report =
  | { readonly kind: 'acknowledged'; readonly venueStatus: 'new' | 'accepted' }
  | { readonly kind: 'partial_fill' | 'fill'; readonly executionId: string; readonly qty: string; readonly price: string }
  | { readonly kind: 'canceled' | 'cancel_rejected' | 'rejected' | 'expired' }
  | { readonly kind: 'replaced'; readonly other: number };

type Step =
  | { readonly kind: 'place'; readonly reuse: number | null; readonly side: 'buy' | 'sell'; readonly qty: string; readonly price: string; readonly notional: boolean }
  | { readonly kind: 'replace'; readonly target: number; readonly qty: string | null; readonly price: string }
  | { readonly kind: 'cancel'; readonly target: number }
  | { readonly kind: 'cancelAll' }
  | { readonly kind: 'report'; readonly target: number; readonly report: Report };

const report: fc.Arbitrary<Report> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('acknowledged' as const), venueStatus: fc.constantFrom('new' as const, 'new' as const, 'accepted' as const) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constantFrom('partial_fill' as const, 'fill' as const), executionId, qty, price: fillPrice }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('canceled' as const, 'cancel_rejected' as const, 'rejected' as const, 'expired' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('replaced' as const), other: target }) },
);

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('place' as const),
      reuse: fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: target }),
      side: fc.constantFrom('buy' as const, 'buy' as const, 'sell' as const),
      qty,
      price: orderPrice,
      notional: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('replace' as const), target, qty: fc.option(qty), price: orderPrice }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), target }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'cancelAll' as const }) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('report' as const), target, report }) },
);

/** The `n`-th order the book knows (cycling), or an id it has never seen. */
function resolve(book: OpenAccountBook, n: number): string {
  const ids = [...book.orders.keys()];
  return ids.length === 0 || n >= 38 ? 'o-unknown' : ids[n % ids.length]!;
}

function toCommand(step: Step, index: number, book: OpenAccountBook): AccountBookCommand {
  const options = { commandId: `cmd-${index}`, at: at(index * 0.4), referencePrice: '100.00' };
  switch (step.kind) {
    case 'place': {
      const orderId = step.reuse === null ? `o-${index}` : resolve(book, step.reuse);
      return step.notional && step.side === 'buy'
        ? placeOrder(orderId, { type: 'market', qty: null, notional: step.qty, limitPrice: null }, options)
        : placeOrder(orderId, { side: step.side, qty: step.qty, limitPrice: step.price }, options);
    }
    case 'replace':
      return replaceOrder(resolve(book, step.target), `o-${index}`, { limitPrice: step.price, ...(step.qty ? { qty: step.qty } : {}) }, options);
    case 'cancel':
      return cancelOrder(resolve(book, step.target), options);
    case 'cancelAll':
      return cancelAllOrders(options);
    case 'report':
      return executionReport(toReport(step.report, resolve(book, step.target), book), options);
  }
}

function toReport(report: Report, orderId: string, book: OpenAccountBook): ExecutionReport {
  if (report.kind !== 'replaced') return { ...report, orderId, reason: null } as ExecutionReport;
  const replacedBy = book.orders.get(orderId)?.replacedBy ?? null;
  const replacementOrderId = replacedBy !== null && report.other % 4 !== 0 ? replacedBy : resolve(book, report.other);
  return { kind: 'replaced', orderId, replacementOrderId };
}

const outcomeOf = (events: readonly AccountBookEvent[]): Outcome =>
  events.length === 0 ? 'nothing' : events.length === 1 && isRejection(events[0]!) ? 'reject' : 'accept';

function opened(state: AccountBookState): OpenAccountBook {
  if (state.status !== 'open') throw new Error('account not open');
  return state;
}

describe('account book, model-based', () => {
  it('agrees with the lifecycle model and keeps its invariants under random commands and reports', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 100, size: 'large' }), (steps) => {
        const model = new OrderLifecycleModel();
        const log: AccountBookEvent[] = [];
        let state = accountBookDecider.initialState();
        const decide = (command: AccountBookCommand): readonly AccountBookEvent[] => {
          const events = accountBookDecider.decide(command, state);
          for (const event of events) state = accountBookDecider.evolve(state, event);
          log.push(...events);
          return events;
        };
        decide(openAccount());

        steps.forEach((current, index) => {
          const before = opened(state);
          const command = toCommand(current, index, before);
          const events = decide(command);
          const [actual, expected] = compareWithModel(command, events, model, before);
          expect(actual).toEqual(expected);
          expect(violations(before, opened(state), model)).toEqual([]);
        });

        expect(fold(accountBookDecider, log)).toEqual(state);
        expect(fold(accountBookDecider, JSON.parse(JSON.stringify(log)) as AccountBookEvent[])).toEqual(state);
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * What the decider decided next to what the model expects, after updating the model. Placements
 * and replacements pass risk or not (the model does not do risk): the model follows the decision,
 * but a replace of an order the model says cannot be replaced must be refused.
 */
function compareWithModel(
  command: AccountBookCommand,
  events: readonly AccountBookEvent[],
  model: OrderLifecycleModel,
  before: OpenAccountBook,
): [unknown, unknown] {
  const outcome = outcomeOf(events);
  switch (command.type) {
    case 'PlaceOrder':
      for (const event of events) if (event.type === 'OrderPlaced') model.add(event.orderId, event.order.side, event.order.qty, null);
      return [outcome, outcome];
    case 'ReplaceOrder': {
      const replaceable = model.canReplace(command.orderId);
      for (const event of events) {
        if (event.type === 'OrderReplaceRequested') model.add(event.replacementOrderId, event.order.side, event.order.qty, event.orderId);
      }
      return [outcome, replaceable ? outcome : 'reject'];
    }
    case 'CancelOrder': {
      const expected = model.canCancel(command.orderId) ? 'accept' : 'reject';
      if (outcome === 'accept') model.requestCancel(command.orderId);
      return [outcome, expected];
    }
    case 'CancelAllOrders': {
      const expected = [...model.orders.keys()].filter((id) => model.canCancel(id)).sort();
      const requested = events.flatMap((event) => (event.type === 'OrderCancelRequested' ? [event.orderId] : []));
      requested.forEach((id) => model.requestCancel(id));
      return [[...requested].sort(), expected];
    }
    case 'ApplyExecutionReport':
      return [outcome, model.apply(command.report, before.orders.get(command.report.orderId)?.symbol ?? 'AAPL')];
    default:
      return [command.type, 'a command the model test sends'];
  }
}

const TERMINAL = ['filled', 'canceled', 'expired', 'replaced', 'rejected'];

/** Every invariant the book broke after one step (plain checks: thousands run per property). */
function violations(before: OpenAccountBook, after: OpenAccountBook, model: OrderLifecycleModel): string[] {
  const found: string[] = [];
  const check = (holds: boolean, what: string) => {
    if (!holds) found.push(what);
  };
  check(after.accountId === ACCOUNT_ID, 'account id');
  check([...after.orders.keys()].sort().join() === [...model.orders.keys()].sort().join(), 'same orders as the model');
  for (const [id, order] of after.orders) {
    const expected = model.orders.get(id);
    if (!expected) continue;
    const previous = before.orders.get(id);
    check(!previous || !TERMINAL.includes(previous.status) || order === previous, `${id}: terminal order changed`);
    check(order.status === model.status(id), `${id}: status ${order.status}, model ${model.status(id)}`);
    check(order.filledQty === expected.filled.toFixed(), `${id}: filled ${order.filledQty}, model ${expected.filled.toFixed()}`);
    check(order.qty === null || new Dec(order.filledQty).lte(order.qty), `${id}: filled ${order.filledQty} of ${order.qty ?? ''}`);
    check(new Dec(order.filledNotional).eq(expected.notional), `${id}: filled notional ${order.filledNotional}`);
    if (expected.filled.gt(0)) {
      const average = expected.notional.div(expected.filled).toDecimalPlaces(AVG_PRICE_DECIMALS);
      check(order.filledAvgPrice !== null && new Dec(order.filledAvgPrice).eq(average), `${id}: average ${order.filledAvgPrice ?? ''}, exact ${average.toFixed()}`);
    }
    const reserved = new Dec(order.reservedCash);
    check(reserved.gte(0), `${id}: negative reservation ${order.reservedCash}`);
    check(reserved.lte(previous?.reservedCash ?? order.risk.reservedCash), `${id}: reservation grew to ${order.reservedCash}`);
    check((expected.terminal === null && order.side === 'buy') || reserved.isZero(), `${id}: ${order.status} ${order.side} still holds ${order.reservedCash}`);
  }
  check(new Dec(after.cash).eq(model.cash), `cash ${after.cash}, model ${model.cash.toFixed()}`);
  for (const [symbol, position] of model.positions) {
    check((after.positions[symbol] ?? '0') === position.toFixed(), `${symbol}: position ${after.positions[symbol] ?? '0'}, model ${position.toFixed()}`);
  }
  // kept one change at a time, the open-order totals are what summing every order gives, to the character
  const summed = JSON.stringify(openOrderTotals([...after.orders.values()]));
  check(JSON.stringify(after.openTotals) === summed, `open-order totals ${JSON.stringify(after.openTotals)}, summed ${summed}`);
  return found;
}
