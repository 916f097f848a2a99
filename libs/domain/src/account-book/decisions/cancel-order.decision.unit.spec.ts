import { DeciderSpecification, decideAll } from '../../testing/decider-specification';
import {
  ACCOUNT_ID,
  T0,
  accountOpened,
  acknowledged,
  brokerCanceled,
  cancelAllOrders,
  cancelOrder,
  cancelRejectedByBroker,
  fill,
  orderPlaced,
  partialFill,
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

describe('CancelOrder', () => {
  describe.each<[string, AccountBookEvent[], string]>([
    ['a pending_new order', placed, 'pending_new'],
    ['an accepted order', after(placed, acknowledged('o-1', 'accepted')), 'accepted'],
    ['a new order', working, 'new'],
    ['a partially filled order', after(working, partialFill('o-1', 'e1', '4', '150.00')), 'partially_filled'],
  ])('on %s', (_name, given, status) => {
    it('requests the cancel: pending_cancel until the broker confirms', () => {
      expectBook
        .given(given)
        .when(cancelOrder('o-1'))
        .then([{ type: 'OrderCancelRequested', accountId: ACCOUNT_ID, commandId: 'cancel-o-1', at: T0, orderId: 'o-1', previousStatus: status as never }]);
    });
  });

  describe('on an order already pending cancel', () => {
    it('is refused with ORDER.NOT_CANCELABLE', () => {
      expectBook.given(after(working, cancelOrder('o-1'))).when(cancelOrder('o-1', { commandId: 'again' })).thenRejects('ORDER.NOT_CANCELABLE');
    });
  });

  describe.each<[string, AccountBookEvent[]]>([
    ['a filled order', after(working, fill('o-1', 'e1', '10', '150.00'))],
    ['a canceled order', after(working, cancelOrder('o-1'), brokerCanceled('o-1'))],
  ])('on %s', (_name, given) => {
    it('is refused with ORDER.NOT_CANCELABLE', () => {
      const refused = expectBook.given(given).when(cancelOrder('o-1', { commandId: 'late' })).thenRejects('ORDER.NOT_CANCELABLE');
      expect(refused).toMatchObject({ type: 'CancelRejected', orderId: 'o-1' });
    });
  });

  it('on an unknown order is refused with ORDER.NOT_FOUND', () => {
    expectBook.given(placed).when(cancelOrder('nope')).thenRejects('ORDER.NOT_FOUND');
  });

  it('on an account that is not open is refused with ACCOUNT.NOT_FOUND', () => {
    expectBook.given([]).when(cancelOrder('o-1')).thenRejects('ACCOUNT.NOT_FOUND');
  });

  describe('then the broker answers', () => {
    const pendingCancel = after(working, cancelOrder('o-1'));

    it('canceled: the order is canceled and its cash released', () => {
      const state = expectBook.given(pendingCancel).when(brokerCanceled('o-1')).stateAfter() as OpenAccountBook;
      expect(state.orders.get('o-1')).toMatchObject({ status: 'canceled', reservedCash: '0.00' });
      expect(buyingPower(state).toFixed(2)).toBe('100000.00');
    });

    it('cancel rejected: the order works on as before', () => {
      expectBook
        .given(pendingCancel)
        .when(cancelRejectedByBroker('o-1'))
        .then([
          { type: 'OrderCancelRejectedByBroker', accountId: ACCOUNT_ID, commandId: 'report-cancel_rejected-o-1', at: T0, orderId: 'o-1', reason: 'too late', status: 'new' },
        ]);
    });

    it('a fill that raced the cancel still counts, and completes the order', () => {
      const [event] = expectBook.given(pendingCancel).when(fill('o-1', 'e1', '10', '150.00')).decision();
      expect(event).toMatchObject({ type: 'OrderFilled', status: 'filled' });
    });
  });
});

describe('CancelAllOrders', () => {
  it('lists and requests the cancel of every open order that can still be canceled, oldest first', () => {
    const given = after(
      [accountOpened(), orderPlaced('o-2', { symbol: 'MSFT' }, { at: '2024-05-01T13:59:00.000Z' }), orderPlaced('o-1'), orderPlaced('o-3', { symbol: 'SPY' }), orderPlaced('o-4', { symbol: 'QQQ' })],
      acknowledged('o-3'),
      fill('o-3', 'e1', '10', '150.00'),
      cancelOrder('o-4'),
    );
    const base = { accountId: ACCOUNT_ID, commandId: 'cancel-all', at: T0 };
    expectBook
      .given(given)
      .when(cancelAllOrders())
      .then([
        { type: 'CancelAllOrdersRequested', ...base, orderIds: ['o-2', 'o-1'] },
        { type: 'OrderCancelRequested', ...base, orderId: 'o-2', previousStatus: 'pending_new' },
        { type: 'OrderCancelRequested', ...base, orderId: 'o-1', previousStatus: 'pending_new' },
      ]);
  });

  it('with nothing open, decides an empty list', () => {
    expectBook.given([accountOpened()]).when(cancelAllOrders()).then([{ type: 'CancelAllOrdersRequested', accountId: ACCOUNT_ID, commandId: 'cancel-all', at: T0, orderIds: [] }]);
  });

  it('on an account that is not open is refused', () => {
    expectBook.given([]).when(cancelAllOrders()).thenRejects('ACCOUNT.NOT_FOUND');
  });
});
