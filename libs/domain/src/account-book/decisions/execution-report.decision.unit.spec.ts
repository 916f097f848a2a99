import { DeciderSpecification, decideAll } from '../../testing/decider-specification';
import {
  ACCOUNT_ID,
  T0,
  accountOpened,
  acknowledged,
  brokerCanceled,
  brokerExpired,
  brokerRejected,
  cancelOrder,
  executionReport,
  fill,
  heldPosition,
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
const bookAfter = (given: AccountBookEvent[], command: AccountBookCommand) => expectBook.given(given).when(command).stateAfter() as OpenAccountBook;

const placed = [accountOpened(), orderPlaced('o-1')];
const working = after(placed, acknowledged('o-1'));

describe('execution reports', () => {
  describe('acknowledged', () => {
    it('turns a pending_new order new', () => {
      expectBook
        .given(placed)
        .when(acknowledged('o-1'))
        .then([{ type: 'OrderAcknowledged', accountId: ACCOUNT_ID, commandId: 'report-acknowledged-o-1', at: T0, orderId: 'o-1', venueStatus: 'new', status: 'new' }]);
    });

    it('turns a pending_new order accepted, then new', () => {
      const accepted = after(placed, acknowledged('o-1', 'accepted'));
      expect(bookAfter(placed, acknowledged('o-1', 'accepted')).orders.get('o-1')?.status).toBe('accepted');
      expect(bookAfter(accepted, acknowledged('o-1', 'new', { commandId: 'ack-2' })).orders.get('o-1')?.status).toBe('new');
    });

    it('of an order already new is refused', () => {
      expectBook.given(working).when(acknowledged('o-1', 'new', { commandId: 'ack-2' })).thenRejects('ORDER.INVALID_TRANSITION');
    });
  });

  describe('fills of a buy of 10 @ 150.00 limit', () => {
    it('a partial fill records the execution, the order totals, cash and position', () => {
      expectBook
        .given(working)
        .when(partialFill('o-1', 'e1', '4', '149.95'))
        .then([
          {
            type: 'OrderPartiallyFilled',
            accountId: ACCOUNT_ID,
            commandId: 'report-e1',
            at: T0,
            orderId: 'o-1',
            symbol: 'AAPL',
            side: 'buy',
            executionId: 'e1',
            qty: '4',
            price: '149.95',
            venue: null,
            executedAt: null,
            filledQty: '4',
            filledAvgPrice: '149.95',
            status: 'partially_filled',
            cash: '99400.20',
            positionQty: '4',
          },
        ]);
    });

    it('the last fill fills the order and releases what it held: buying power is cash again', () => {
      const state = bookAfter(after(working, partialFill('o-1', 'e1', '4', '149.95')), fill('o-1', 'e2', '6', '150.00'));
      expect(state.orders.get('o-1')).toMatchObject({ status: 'filled', filledQty: '10', filledAvgPrice: '149.98', reservedCash: '0.00' });
      expect(state).toMatchObject({ cash: '98500.20', positions: { AAPL: '10' } });
      expect(buyingPower(state).toFixed(2)).toBe('98500.20');
    });

    it('a partial fill that reaches the quantity fills the order', () => {
      const [event] = expectBook.given(working).when(partialFill('o-1', 'e1', '10', '150.00')).decision();
      expect(event).toMatchObject({ type: 'OrderFilled', status: 'filled' });
    });

    it('records where and when the broker says the fill executed', () => {
      const report = { kind: 'partial_fill' as const, orderId: 'o-1', executionId: 'e1', qty: '4', price: '149.95', venue: 'XNAS', executedAt: '2026-11-22T15:00:01.250Z' };
      const [event] = expectBook.given(working).when(executionReport(report)).decision();
      expect(event).toMatchObject({ type: 'OrderPartiallyFilled', executionId: 'e1', venue: 'XNAS', executedAt: '2026-11-22T15:00:01.250Z' });
    });

    it.each([
      ['venue', { venue: 'X NAS <script>' }],
      ['executed_at', { executedAt: 'yesterday' }],
    ])('a fill with an invalid %s is refused and changes nothing', (field, bad) => {
      const report = { kind: 'partial_fill' as const, orderId: 'o-1', executionId: 'e1', qty: '4', price: '149.95', ...bad };
      const refused = expectBook.given(working).when(executionReport(report)).thenRejects('EXECUTION.INVALID_FILL');
      expect(refused).toMatchObject({ reason: { field } });
    });

    it('a "fill" report short of the quantity is applied as a partial fill', () => {
      const [event] = expectBook.given(working).when(fill('o-1', 'e1', '3', '150.00')).decision();
      expect(event).toMatchObject({ type: 'OrderPartiallyFilled', status: 'partially_filled', filledQty: '3' });
    });

    it('a redelivered execution id changes nothing, whatever its command id', () => {
      const given = after(working, partialFill('o-1', 'e1', '4', '149.95'));
      expectBook.given(given).when(partialFill('o-1', 'e1', '4', '149.95', { commandId: 'redelivery' })).thenNothing();
    });

    it('a fill past the quantity is refused as an overfill and changes nothing', () => {
      const given = after(working, partialFill('o-1', 'e1', '8', '150.00'));
      const refused = expectBook.given(given).when(fill('o-1', 'e2', '3', '150.00')).thenRejects('EXECUTION.OVERFILL');
      expect(refused).toMatchObject({ type: 'ExecutionReportRejected', orderId: 'o-1', report: { executionId: 'e2' } });
    });

    it.each([
      ['a zero quantity', '0', '150.00', 'qty'],
      ['a garbage price', '1', 'abc', 'price'],
      ['a negative price', '1', '-150', 'price'],
    ])('a fill with %s is refused as invalid', (_name, qty, price, field) => {
      const refused = expectBook.given(working).when(fill('o-1', 'e1', qty, price)).thenRejects('EXECUTION.INVALID_FILL');
      expect(refused).toMatchObject({ reason: { field } });
    });

    it('a fill of an unknown order is refused', () => {
      expectBook.given(working).when(fill('o-404', 'e1', '1', '150.00')).thenRejects('ORDER.NOT_FOUND');
    });

    it('a fill of a canceled order is refused', () => {
      const canceled = after(working, cancelOrder('o-1'), brokerCanceled('o-1'));
      expectBook.given(canceled).when(fill('o-1', 'e1', '1', '150.00')).thenRejects('ORDER.INVALID_TRANSITION');
    });
  });

  describe('exact decimals', () => {
    it('fills of 0.1 @ 100.10 and 0.2 @ 100.20 average exactly and settle to the cent', () => {
      const given = after([accountOpened(), orderPlaced('o-1', { qty: '0.3', limitPrice: '100.20' })], acknowledged('o-1'));
      const events = after(given, partialFill('o-1', 'e1', '0.1', '100.10'), fill('o-1', 'e2', '0.2', '100.20')).slice(given.length);
      expect(events).toMatchObject([
        { type: 'OrderPartiallyFilled', filledQty: '0.1', filledAvgPrice: '100.10', cash: '99989.99' },
        { type: 'OrderFilled', filledQty: '0.3', filledAvgPrice: '100.166666667', cash: '99969.95', positionQty: '0.3' },
      ]);
    });
  });

  describe('a sell of a held position', () => {
    it('receives the proceeds and reduces the position, flat positions disappear', () => {
      const given = after([accountOpened(), ...heldPosition('AAPL', '10', '100.00'), orderPlaced('o-1', { side: 'sell', qty: '10', limitPrice: '150.00' }, { risk: { reservedCash: '0.00' } })]);
      const state = bookAfter(given, fill('o-1', 'e1', '10', '150.25'));
      expect(state).toMatchObject({ cash: '100502.50', positions: {} });
    });
  });

  describe('a notional buy of $1,000', () => {
    const notional = after([accountOpened(), orderPlaced('o-1', { type: 'market', qty: null, notional: '1000.00', limitPrice: null })], acknowledged('o-1'));

    it('holds what is left of the notional after a partial fill and nothing once filled', () => {
      const partial = after(notional, partialFill('o-1', 'e1', '2', '150.00'));
      expect(bookAfter(notional, partialFill('o-1', 'e1', '2', '150.00')).orders.get('o-1')?.reservedCash).toBe('700.00');
      expect(bookAfter(partial, fill('o-1', 'e2', '4.666666666', '150.00')).orders.get('o-1')).toMatchObject({ status: 'filled', reservedCash: '0.00' });
    });
  });

  describe('the broker ends an order', () => {
    it.each<[string, AccountBookCommand, string]>([
      ['canceled', brokerCanceled('o-1'), 'OrderCanceled'],
      ['expired', brokerExpired('o-1'), 'OrderExpired'],
    ])('%s: the cash it held is released', (_name, command, type) => {
      const given = after(working, partialFill('o-1', 'e1', '4', '150.00'));
      const check = expectBook.given(given).when(command);
      expect(check.decision()).toMatchObject([{ type, orderId: 'o-1' }]);
      const state = check.stateAfter() as OpenAccountBook;
      expect(state.orders.get('o-1')).toMatchObject({ reservedCash: '0.00', filledQty: '4' });
      expect(buyingPower(state).toFixed(2)).toBe(state.cash);
    });

    it('rejected before it worked: rejected, cash released', () => {
      const state = bookAfter(placed, brokerRejected('o-1'));
      expect(state.orders.get('o-1')).toMatchObject({ status: 'rejected', reservedCash: '0.00' });
      expect(buyingPower(state).toFixed(2)).toBe('100000.00');
    });

    it('rejected after it was working is refused', () => {
      expectBook.given(working).when(brokerRejected('o-1')).thenRejects('ORDER.INVALID_TRANSITION');
    });

    it('a second cancel of a canceled order is refused', () => {
      const canceled = after(working, brokerCanceled('o-1'));
      expectBook.given(canceled).when(brokerCanceled('o-1', { commandId: 'again' })).thenRejects('ORDER.INVALID_TRANSITION');
    });

    it('a cancel rejection without a pending cancel is refused', () => {
      expectBook.given(working).when(executionReport({ kind: 'cancel_rejected', orderId: 'o-1', reason: null })).thenRejects('ORDER.INVALID_TRANSITION');
    });
  });

  it('a report on an account that is not open is refused', () => {
    expectBook.given([]).when(acknowledged('o-1')).thenRejects('ACCOUNT.NOT_FOUND');
  });
});
