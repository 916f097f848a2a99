import { DeciderSpecification } from '../../testing/decider-specification';
import {
  ACCOUNT_ID,
  T0,
  accountOpened,
  at,
  heldPosition,
  orderPlaced,
  orderRequest,
  placeOrder,
} from '../../testing/account-book.fixtures';
import { accountBookDecider } from '../account-book.decider';
import { AccountBookEvent } from '../account-book.events';
import { OpenAccountBook } from '../account-book.state';
import { buyingPower } from '../account-exposure';

const expectBook = DeciderSpecification.for(accountBookDecider);

describe('PlaceOrder', () => {
  describe('on an account that is not open', () => {
    it('is refused with ACCOUNT.NOT_FOUND', () => {
      expectBook.given([]).when(placeOrder('o-1')).thenRejects('ACCOUNT.NOT_FOUND');
    });
  });

  describe('on an open account with $100,000', () => {
    const opened = [accountOpened()];

    it('accepts a limit buy within every limit as pending_new, recording the risk inputs it passed', () => {
      expectBook
        .given(opened)
        .when(placeOrder('o-1', { clientOrderId: 'my-1' }))
        .then([
          {
            type: 'OrderPlaced',
            accountId: ACCOUNT_ID,
            commandId: 'place-o-1',
            at: T0,
            orderId: 'o-1',
            clientOrderId: 'my-1',
            order: { symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'day', qty: '10', notional: null, limitPrice: '150.00', stopPrice: null },
            risk: {
              limitSetVersion: 1,
              referencePrice: { symbol: 'AAPL', price: '150.00', at: T0, source: 'test-feed' },
              tradingState: 'ACTIVE',
              estimatedNotional: '1500.00',
              exposureQty: '10',
              reservePrice: '150.00',
              reservedCash: '1500.00',
            },
          },
        ]);
    });

    it('holds the cost of an accepted buy out of the buying power', () => {
      const state = expectBook.given(opened).when(placeOrder('o-1')).stateAfter() as OpenAccountBook;
      expect(buyingPower(state).toFixed(2)).toBe('98500.00');
      expect(state.orders.get('o-1')).toMatchObject({ status: 'pending_new', reservedCash: '1500.00', clientOrderId: 'o-1' });
    });

    it('uses the order id as client order id when the client gave none', () => {
      const [event] = expectBook.given(opened).when(placeOrder('o-1')).decision();
      expect(event).toMatchObject({ type: 'OrderPlaced', clientOrderId: 'o-1' });
    });

    it('refuses malformed input with the field, echoing the request', () => {
      const refused = expectBook.given(opened).when(placeOrder('o-1', { qty: '-3' })).thenRejects('ORDER.INVALID_QTY');
      expect(refused).toMatchObject({
        type: 'OrderRejected',
        orderId: 'o-1',
        request: orderRequest({ qty: '-3' }),
        reason: { field: 'qty', message: 'qty must be greater than 0', ruleId: null },
      });
    });

    it('lists every validation problem in the details of the first', () => {
      const refused = expectBook.given(opened).when(placeOrder('o-1', { side: 'hold', limitPrice: null })).thenRejects('ORDER.INVALID_SIDE');
      expect(refused).toMatchObject({
        reason: { details: { issues: [{ code: 'ORDER.INVALID_SIDE' }, { code: 'ORDER.MISSING_LIMIT_PRICE', field: 'limit_price' }] } },
      });
    });

    it('refuses a market order when no reference price is known (fail closed)', () => {
      const market = placeOrder('o-1', { type: 'market', limitPrice: null }, { referencePrice: null });
      expectBook.given(opened).when(market).thenRejects('RISK.NO_REFERENCE_PRICE');
    });

    it('refuses a market order whose reference price is stale', () => {
      const market = placeOrder('o-1', { type: 'market', limitPrice: null }, { at: at(31), referenceAt: T0 });
      expectBook.given(opened).when(market).thenRejects('RISK.STALE_REFERENCE_PRICE');
    });

    it('refuses an order over the max notional, recording the rule, the inputs and the limit-set version', () => {
      const refused = expectBook.given(opened).when(placeOrder('o-1', { type: 'market', limitPrice: null, qty: '1000' })).thenRejects('RISK.MAX_NOTIONAL');
      expect(refused).toMatchObject({
        type: 'OrderRejected',
        reason: {
          ruleId: 'max-order-notional',
          details: { limit: '100000', requested: '150000.00', referencePrice: '150.00', limitSetVersion: 1 },
          message: expect.stringMatching(/150000\.00.*100000.*max-order-notional.*v1/) as unknown,
        },
      });
    });

    it.each<[string, Parameters<typeof placeOrder>[1], string, Parameters<typeof placeOrder>[2]]>([
      ['a limit price outside the collar', { limitPrice: '170.00' }, 'RISK.PRICE_COLLAR', {}],
      ['a quantity over the max order quantity', { qty: '10001', limitPrice: '1.00' }, 'RISK.MAX_ORDER_QTY', { referencePrice: '1.00' }],
      ['a position over the max position', { qty: '9000', limitPrice: '1.00' }, 'RISK.MAX_POSITION', { referencePrice: '1.00' }],
      ['a sell of shares not held', { side: 'sell' }, 'RISK.INSUFFICIENT_POSITION', {}],
    ])('refuses %s', (_name, request, code, options) => {
      const given = [accountOpened({ limits: { maxPositionQty: '8999' } })];
      expectBook.given(given).when(placeOrder('o-1', request, options)).thenRejects(code);
    });

    it('refuses a buy the buying power cannot pay for, counting what open orders hold', () => {
      const given = [accountOpened({ cash: '3000.00' }), orderPlaced('o-1', { qty: '10', limitPrice: '150.00' })];
      expectBook.given(given).when(placeOrder('o-2', { qty: '10', limitPrice: '150.01' }, { at: at(2) })).thenRejects('RISK.BUYING_POWER');
      const [fits] = expectBook.given(given).when(placeOrder('o-2', { qty: '10', limitPrice: '150.00' }, { at: at(2) })).decision();
      expect(fits).toMatchObject({ type: 'OrderPlaced', orderId: 'o-2', risk: { reservedCash: '1500.00' } });
    });
  });

  describe('idempotency', () => {
    it('refuses a second order with the same client order id, and no second order exists', () => {
      const given = [accountOpened(), orderPlaced('o-1', {}, { clientOrderId: 'my-1' })];
      const refused = expectBook.given(given).when(placeOrder('o-2', { clientOrderId: 'my-1', qty: '5' })).thenRejects('ORDER.DUPLICATE_CLIENT_ORDER_ID');
      expect(refused).toMatchObject({ reason: { field: 'client_order_id', details: { clientOrderId: 'my-1', orderId: 'o-1' } } });
    });

    it('refuses an order id already used', () => {
      const given = [accountOpened(), orderPlaced('o-1')];
      expectBook.given(given).when(placeOrder('o-1', { qty: '5' }, { commandId: 'other' })).thenRejects('ORDER.DUPLICATE_ORDER_ID');
    });

    it('lets a client reuse the client order id of a refused request', () => {
      const refused: AccountBookEvent = {
        type: 'OrderRejected',
        accountId: ACCOUNT_ID,
        commandId: 'place-o-1',
        at: T0,
        orderId: 'o-1',
        clientOrderId: 'my-1',
        request: orderRequest({ clientOrderId: 'my-1', qty: '0' }),
        reason: { code: 'ORDER.INVALID_QTY', message: 'qty must be greater than 0', field: 'qty', ruleId: null, details: {} },
      };
      const [event] = expectBook.given([accountOpened(), refused]).when(placeOrder('o-2', { clientOrderId: 'my-1' })).decision();
      expect(event).toMatchObject({ type: 'OrderPlaced', clientOrderId: 'my-1' });
    });

    it('decides a command id only once', () => {
      expectBook.given([accountOpened(), orderPlaced('o-1')]).when(placeOrder('o-1')).thenNothing();
    });
  });

  describe('rate and duplicate guards', () => {
    it('refuses the same order again within the duplicate window, and accepts it after', () => {
      const given = [accountOpened(), orderPlaced('o-1')];
      expectBook.given(given).when(placeOrder('o-2', {}, { at: at(0.5) })).thenRejects('RISK.DUPLICATE_ORDER');
      const [later] = expectBook.given(given).when(placeOrder('o-2', {}, { at: at(1) })).decision();
      expect(later).toMatchObject({ type: 'OrderPlaced' });
    });

    it('refuses an order past the rate limit of the rolling window', () => {
      const given = [accountOpened({ limits: { maxOrdersPerWindow: 2, orderRateWindowMs: 10_000 } }), orderPlaced('o-1', { qty: '1' }), orderPlaced('o-2', { qty: '2' }, { at: at(5) })];
      expectBook.given(given).when(placeOrder('o-3', { qty: '3' }, { at: at(9.999) })).thenRejects('RISK.ORDER_RATE');
      const [event] = expectBook.given(given).when(placeOrder('o-3', { qty: '3' }, { at: at(10) })).decision();
      expect(event).toMatchObject({ type: 'OrderPlaced' });
    });

    it('refuses a new order once the max open orders are open', () => {
      const given = [accountOpened({ limits: { maxOpenOrders: 1 } }), orderPlaced('o-1', { symbol: 'MSFT', limitPrice: '150.00' })];
      expectBook.given(given).when(placeOrder('o-2', {}, { at: at(2) })).thenRejects('RISK.MAX_OPEN_ORDERS');
    });
  });

  describe('kill switch', () => {
    it('refuses every order when the global trading state is HALTED', () => {
      expectBook.given([accountOpened()]).when(placeOrder('o-1', {}, { globalTradingState: 'HALTED' })).thenRejects('RISK.TRADING_HALTED');
    });

    it('in REDUCING, refuses a buy and accepts a sell of a held position', () => {
      const given = [accountOpened(), ...heldPosition('AAPL', '20', '150.00'), {
        type: 'TradingStateSet' as const, accountId: ACCOUNT_ID, commandId: 'reduce', at: T0, tradingState: 'REDUCING' as const, previousTradingState: 'ACTIVE' as const, reason: 'risk desk',
      }];
      expectBook.given(given).when(placeOrder('o-1', { qty: '1' }, { at: at(2) })).thenRejects('RISK.TRADING_REDUCING');
      const [sell] = expectBook.given(given).when(placeOrder('o-2', { side: 'sell', qty: '20' }, { at: at(2) })).decision();
      expect(sell).toMatchObject({ type: 'OrderPlaced', risk: { tradingState: 'REDUCING', reservedCash: '0.00' } });
    });

    it('refuses a restricted symbol', () => {
      expectBook.given([accountOpened({ limits: { restrictedSymbols: ['AAPL'] } })]).when(placeOrder('o-1')).thenRejects('RISK.RESTRICTED_SYMBOL');
    });
  });

  describe('after the limits changed', () => {
    it('records the new limit-set version in accepted and refused orders', () => {
      const given = [
        accountOpened(),
        { type: 'RiskLimitsSet' as const, accountId: ACCOUNT_ID, commandId: 'limits', at: T0, limits: { ...accountOpened().limits, maxOrderNotional: '1000' }, changes: { maxOrderNotional: '1000' }, limitSetVersion: 2 },
      ];
      const refused = expectBook.given(given).when(placeOrder('o-1', { qty: '7', limitPrice: '150.00' })).thenRejects('RISK.MAX_NOTIONAL');
      expect(refused).toMatchObject({ reason: { details: { limitSetVersion: 2, limit: '1000', requested: '1050.00' } } });
      const [accepted] = expectBook.given(given).when(placeOrder('o-1', { qty: '6', limitPrice: '150.00' })).decision();
      expect(accepted).toMatchObject({ type: 'OrderPlaced', risk: { limitSetVersion: 2 } });
    });
  });
});
