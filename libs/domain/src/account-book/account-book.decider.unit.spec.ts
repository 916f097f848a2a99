import { fold } from '../shared/decider';
import { DeciderSpecification, decideAll } from '../testing/decider-specification';
import {
  ACCOUNT_ID,
  T0,
  accountOpened,
  acknowledged,
  at,
  brokerReplaced,
  cancelAllOrders,
  cancelOrder,
  executionReport,
  fill,
  metadata,
  openAccount,
  orderPlaced,
  partialFill,
  placeOrder,
  replaceOrder,
  setRiskLimits,
  setTradingState,
} from '../testing/account-book.fixtures';
import { accountBookDecider } from './account-book.decider';
import { AccountBookCommand } from './account-book.commands';
import { AccountBookEvent } from './account-book.events';
import { MAX_REMEMBERED_COMMAND_IDS } from './account-book.state';
import { ExecutionReport } from './commands/execution-report';

const expectBook = DeciderSpecification.for(accountBookDecider);
const after = (given: AccountBookEvent[], ...commands: AccountBookCommand[]) => decideAll(accountBookDecider, given, ...commands);

/** A day of trading touching every kind of event. */
function tradingDay(): AccountBookEvent[] {
  return after(
    [],
    openAccount(),
    setRiskLimits({ maxOpenOrders: 50 }),
    placeOrder('o-1', { clientOrderId: 'c-1' }),
    placeOrder('o-bad', { qty: '0' }),
    acknowledged('o-1'),
    partialFill('o-1', 'e1', '0.5', '149.99'),
    replaceOrder('o-1', 'o-2', { limitPrice: '149.00' }, { at: at(2) }),
    brokerReplaced('o-1', 'o-2'),
    fill('o-2', 'e2', '9.5', '149.00'),
    placeOrder('o-3', { side: 'sell', qty: '5', limitPrice: '151.00' }, { at: at(3) }),
    cancelAllOrders({ at: at(4) }),
    cancelOrder('o-2'),
    setTradingState('REDUCING'),
  );
}

describe('the account-book decider', () => {
  describe('idempotency', () => {
    it.each<[string, AccountBookCommand]>([
      ['OpenAccount', openAccount()],
      ['SetRiskLimits', setRiskLimits({ maxOpenOrders: 50 })],
      ['PlaceOrder', placeOrder('o-1', { clientOrderId: 'c-1' })],
      ['a refused PlaceOrder', placeOrder('o-bad', { qty: '0' })],
      ['ReplaceOrder', replaceOrder('o-1', 'o-2', { limitPrice: '149.00' }, { at: at(2) })],
      ['CancelAllOrders', cancelAllOrders({ at: at(4) })],
      ['SetTradingState', setTradingState('REDUCING')],
    ])('a %s already decided is not decided again', (_name, command) => {
      expectBook.given(tradingDay()).when(command).thenNothing();
    });

    it('remembers a bounded number of command ids', () => {
      const commands = Array.from({ length: MAX_REMEMBERED_COMMAND_IDS + 5 }, (_, i) => setTradingState('ACTIVE', { commandId: `s-${i}` }));
      const state = fold(accountBookDecider, after([accountOpened()], ...commands));
      expect(state.recentCommandIds).toHaveLength(MAX_REMEMBERED_COMMAND_IDS);
      expect(state.recentCommandIds[0]).toBe('s-5');
    });
  });

  describe('events are plain, versionable JSON', () => {
    it('every event survives JSON unchanged and has a type', () => {
      const events = tradingDay();
      expect(new Set(events.map((event) => event.type)).size).toBeGreaterThan(10);
      for (const event of events) {
        expect(JSON.parse(JSON.stringify(event))).toEqual(event);
        expect(typeof event.type).toBe('string');
      }
    });

    it('folding the archived events from scratch rebuilds the same state, itself plain JSON', () => {
      const events = tradingDay();
      const state = fold(accountBookDecider, events);
      const archived = JSON.parse(JSON.stringify(events)) as AccountBookEvent[];
      expect(fold(accountBookDecider, archived)).toEqual(state);
      expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    });
  });

  describe('ids that look like object internals are just ids', () => {
    it.each(['constructor', '__proto__', 'toString'])('an order id %s is unknown until placed', (orderId) => {
      expectBook.given([accountOpened()]).when(cancelOrder(orderId)).thenRejects('ORDER.NOT_FOUND');
      const [event] = expectBook.given([accountOpened()]).when(placeOrder(orderId, { clientOrderId: orderId })).decision();
      expect(event).toMatchObject({ type: 'OrderPlaced', orderId, clientOrderId: orderId });
    });
  });

  describe('programming errors throw a CodedError', () => {
    it('a command for another account', () => {
      expectBook.given([accountOpened()]).when({ ...cancelOrder('o-1'), accountId: 'acc-2' }).thenThrows('ACCOUNT.MISMATCH');
    });

    it.each<[string, AccountBookCommand]>([
      ['a time that is not ISO-8601 UTC', { ...cancelOrder('o-1'), metadata: metadata('c', '2024-05-01 14:00') }],
      ['an empty command id', { ...cancelOrder('o-1'), metadata: metadata('', T0) }],
      ['a new order without an order id', { ...placeOrder('o-1'), metadata: metadata('c', T0) as never }],
      ['no account id', { ...cancelOrder('o-1'), accountId: '' }],
    ])('a malformed command: %s', (_name, command) => {
      expectBook.given([accountOpened()]).when(command).thenThrows('COMMAND.INVALID');
    });

    it('an execution report of an unknown kind', () => {
      const report = executionReport({ kind: 'teleported', orderId: 'o-1' } as unknown as ExecutionReport);
      expectBook.given([accountOpened(), orderPlaced('o-1')]).when(report).thenThrows('COMMAND.INVALID');
    });

    it('an unknown command type', () => {
      expectBook.given([accountOpened()]).when({ ...cancelOrder('o-1'), type: 'Liquidate' } as unknown as AccountBookCommand).thenThrows('COMMAND.UNKNOWN');
    });
  });

  describe('evolve refuses a stream that could not have been decided', () => {
    const apply = (events: AccountBookEvent[]) => () => fold(accountBookDecider, events);

    it.each<[string, AccountBookEvent[]]>([
      ['an order before the account was opened', [orderPlaced('o-1')]],
      ['an account opened twice', [accountOpened(), accountOpened()]],
      ['the same order placed twice', [accountOpened(), orderPlaced('o-1'), orderPlaced('o-1')]],
      [
        'a fill of an unknown order',
        [
          accountOpened(),
          { type: 'OrderFilled', accountId: ACCOUNT_ID, commandId: 'x', at: T0, orderId: 'o-9', symbol: 'AAPL', side: 'buy', executionId: 'e', qty: '1', price: '1.00', venue: null, executedAt: null, filledQty: '1', filledAvgPrice: '1.00', status: 'filled', cash: '0.00', positionQty: '1' },
        ],
      ],
      ['an acknowledgement of a canceled order', [accountOpened(), orderPlaced('o-1'), { type: 'OrderCanceled', accountId: ACCOUNT_ID, commandId: 'x', at: T0, orderId: 'o-1', reason: null }, { type: 'OrderAcknowledged', accountId: ACCOUNT_ID, commandId: 'y', at: T0, orderId: 'o-1', venueStatus: 'new', status: 'new' }]],
    ])('%s', (_name, events) => {
      expect(apply(events)).toThrow(expect.objectContaining({ code: 'EVENT.INCONSISTENT' }) as Error);
    });

    it('an unknown event type', () => {
      const unknown = { type: 'OrderTeleported', accountId: ACCOUNT_ID, commandId: 'x', at: T0 } as unknown as AccountBookEvent;
      expect(apply([accountOpened(), unknown])).toThrow(expect.objectContaining({ code: 'EVENT.UNKNOWN' }) as Error);
    });
  });
});
