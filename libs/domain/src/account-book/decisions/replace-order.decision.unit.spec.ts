import { DeciderSpecification, decideAll } from '../../testing/decider-specification';
import {
  ACCOUNT_ID,
  T0,
  accountOpened,
  acknowledged,
  at,
  brokerCanceled,
  brokerRejected,
  brokerReplaced,
  cancelOrder,
  fill,
  orderPlaced,
  partialFill,
  replaceOrder,
} from '../../testing/account-book.fixtures';
import { accountBookDecider } from '../account-book.decider';
import { AccountBookCommand } from '../account-book.commands';
import { AccountBookEvent } from '../account-book.events';
import { OpenAccountBook } from '../account-book.state';
import { buyingPower } from '../account-exposure';

const expectBook = DeciderSpecification.for(accountBookDecider);
const after = (given: AccountBookEvent[], ...commands: AccountBookCommand[]) => decideAll(accountBookDecider, given, ...commands);

const placed = [accountOpened(), orderPlaced('o-1')];
const working = after(placed, acknowledged('o-1'));
const LATER = at(5);

describe('ReplaceOrder', () => {
  describe('on a working order', () => {
    it('accepts the replacement as a new order that replaces the old, which turns pending_replace', () => {
      expectBook
        .given(working)
        .when(replaceOrder('o-1', 'o-2', { limitPrice: '149.50', clientOrderId: 'my-2' }, { at: LATER, referenceAt: LATER }))
        .then([
          {
            type: 'OrderReplaceRequested',
            accountId: ACCOUNT_ID,
            commandId: 'replace-o-2',
            at: LATER,
            orderId: 'o-1',
            replacementOrderId: 'o-2',
            clientOrderId: 'my-2',
            order: { symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'day', qty: '10', notional: null, limitPrice: '149.50', stopPrice: null },
            risk: {
              limitSetVersion: 1,
              referencePrice: { symbol: 'AAPL', price: '150.00', at: LATER, source: 'test-feed' },
              tradingState: 'ACTIVE',
              estimatedNotional: '1495.00',
              exposureQty: '10',
              reservePrice: '149.50',
              reservedCash: '1495.00',
            },
          },
        ]);
    });

    it('links both orders', () => {
      const state = expectBook.given(working).when(replaceOrder('o-1', 'o-2', { qty: '12' }, { at: LATER })).stateAfter() as OpenAccountBook;
      expect(state.orders.get('o-1')).toMatchObject({ status: 'pending_replace', replacedBy: 'o-2' });
      expect(state.orders.get('o-2')).toMatchObject({ status: 'pending_new', replaces: 'o-1', qty: '12', clientOrderId: 'o-2' });
    });

    it('checks the replacement against risk without the cash the old order holds', () => {
      const tight = after([accountOpened({ cash: '1600.00' }), orderPlaced('o-1')], acknowledged('o-1'));
      const [event] = expectBook.given(tight).when(replaceOrder('o-1', 'o-2', { qty: '10', limitPrice: '155.00' }, { at: LATER })).decision();
      expect(event).toMatchObject({ type: 'OrderReplaceRequested', risk: { reservedCash: '1550.00' } });
      expectBook.given(tight).when(replaceOrder('o-1', 'o-2', { qty: '11' }, { at: LATER })).thenRejects('RISK.BUYING_POWER');
    });

    it('refuses a replacement that fails validation', () => {
      expectBook.given(working).when(replaceOrder('o-1', 'o-2', { qty: '0' }, { at: LATER })).thenRejects('ORDER.INVALID_QTY');
    });

    it('refuses a replacement that fails risk, echoing the request', () => {
      const refused = expectBook.given(working).when(replaceOrder('o-1', 'o-2', { limitPrice: '200.00' }, { at: LATER })).thenRejects('RISK.PRICE_COLLAR');
      expect(refused).toMatchObject({ type: 'ReplaceRejected', orderId: 'o-1', replacementOrderId: 'o-2', request: { limitPrice: '200.00' } });
    });

    it('refuses a client order id already in use', () => {
      const given = [...working, orderPlaced('o-9', { symbol: 'MSFT' }, { clientOrderId: 'taken' })];
      expectBook.given(given).when(replaceOrder('o-1', 'o-2', { clientOrderId: 'taken' }, { at: LATER })).thenRejects('ORDER.DUPLICATE_CLIENT_ORDER_ID');
    });
  });

  describe('on a partially filled order', () => {
    it('replaces what is still unfilled unless a quantity is given', () => {
      const given = after(working, partialFill('o-1', 'e1', '4', '150.00'));
      const [event] = expectBook.given(given).when(replaceOrder('o-1', 'o-2', { limitPrice: '151.00' }, { at: LATER })).decision();
      expect(event).toMatchObject({ type: 'OrderReplaceRequested', order: { qty: '6', limitPrice: '151.00' } });
    });
  });

  describe.each<[string, AccountBookEvent[]]>([
    ['pending_new (the broker has not acknowledged it)', placed],
    ['pending_cancel', after(working, cancelOrder('o-1'))],
    ['pending_replace', after(working, replaceOrder('o-1', 'o-2', { qty: '11' }))],
    ['filled', after(working, fill('o-1', 'e1', '10', '150.00'))],
    ['canceled', after(working, cancelOrder('o-1'), brokerCanceled('o-1'))],
  ])('on an order %s', (_status, given) => {
    it('is refused with ORDER.NOT_REPLACEABLE', () => {
      expectBook.given(given).when(replaceOrder('o-1', 'o-3', { qty: '12' }, { at: LATER })).thenRejects('ORDER.NOT_REPLACEABLE');
    });
  });

  it('on a notional order is refused with ORDER.NOT_REPLACEABLE', () => {
    const notional = after([accountOpened(), orderPlaced('o-1', { type: 'market', qty: null, notional: '500.00', limitPrice: null })], acknowledged('o-1'));
    expectBook.given(notional).when(replaceOrder('o-1', 'o-2', { qty: '1' })).thenRejects('ORDER.NOT_REPLACEABLE');
  });

  it('on an unknown order is refused with ORDER.NOT_FOUND', () => {
    expectBook.given(working).when(replaceOrder('nope', 'o-2', { qty: '1' })).thenRejects('ORDER.NOT_FOUND');
  });

  it('on an account that is not open is refused with ACCOUNT.NOT_FOUND', () => {
    expectBook.given([]).when(replaceOrder('o-1', 'o-2', { qty: '1' })).thenRejects('ACCOUNT.NOT_FOUND');
  });

  describe('then the broker answers', () => {
    const pendingReplace = after(working, replaceOrder('o-1', 'o-2', { limitPrice: '149.00' }, { at: LATER }));

    it('replaced: the old order is replaced (its cash released), the replacement is new', () => {
      const check = expectBook.given(pendingReplace).when(brokerReplaced('o-1', 'o-2'));
      check.then([{ type: 'OrderReplaced', accountId: ACCOUNT_ID, commandId: 'report-replaced-o-1', at: T0, orderId: 'o-1', replacementOrderId: 'o-2' }]);
      const state = check.stateAfter() as OpenAccountBook;
      expect(state.orders.get('o-1')).toMatchObject({ status: 'replaced', replacedBy: 'o-2', reservedCash: '0.00' });
      expect(state.orders.get('o-2')).toMatchObject({ status: 'new', replaces: 'o-1', reservedCash: '1490.00' });
      expect(buyingPower(state).toFixed(2)).toBe('98510.00');
    });

    it('rejected replacement: the replacement is rejected and the old order works on', () => {
      const base = { accountId: ACCOUNT_ID, commandId: 'report-rejected-o-2', at: T0 };
      expectBook
        .given(pendingReplace)
        .when(brokerRejected('o-2'))
        .then([
          { type: 'OrderRejectedByBroker', ...base, orderId: 'o-2', reason: 'venue closed' },
          { type: 'OrderReplaceAbandoned', ...base, orderId: 'o-1', replacementOrderId: 'o-2', status: 'new' },
        ]);
    });

    it('replaced naming another replacement is refused', () => {
      expectBook.given(pendingReplace).when(brokerReplaced('o-1', 'o-7')).thenRejects('EXECUTION.REPLACEMENT_MISMATCH');
    });

    it('a fill of the old order racing the replace still counts', () => {
      const [event] = expectBook.given(pendingReplace).when(partialFill('o-1', 'e1', '3', '150.00')).decision();
      expect(event).toMatchObject({ type: 'OrderPartiallyFilled', status: 'pending_replace' });
    });
  });
});
