import { orderRequest } from '../testing/account-book.fixtures';
import { OrderRequest } from './order-request';
import { validateOrderRequest } from './order-validation';

const refusalOf = (request: Partial<OrderRequest>) => {
  const result = validateOrderRequest(orderRequest(request));
  if (result.ok) throw new Error('expected a refusal');
  return result.refusals;
};

describe('validateOrderRequest', () => {
  describe('a well-formed order', () => {
    it('comes back canonical: symbol upper-case, prices with two decimals, quantities plain', () => {
      expect(validateOrderRequest(orderRequest({ symbol: 'aapl', qty: '10.0', limitPrice: '150' }))).toEqual({
        ok: true,
        value: {
          symbol: 'AAPL',
          side: 'buy',
          type: 'limit',
          timeInForce: 'day',
          qty: '10',
          notional: null,
          limitPrice: '150.00',
          stopPrice: null,
        },
      });
    });

    it.each<[string, Partial<OrderRequest>]>([
      ['market by quantity', { type: 'market', limitPrice: null, timeInForce: 'gtc' }],
      ['market by notional, day', { type: 'market', limitPrice: null, qty: null, notional: '500.25' }],
      ['stop', { type: 'stop', limitPrice: null, stopPrice: '140.00' }],
      ['stop limit', { type: 'stop_limit', limitPrice: '141.00', stopPrice: '140.00' }],
      ['fractional day', { qty: '0.123456789' }],
      ['sub-dollar price with four decimals', { limitPrice: '0.1234' }],
      ['class shares symbol', { symbol: 'BRK.B' }],
      ['a client order id', { clientOrderId: 'my-order-1' }],
      ['ioc and fok', { timeInForce: 'ioc' }],
    ])('accepts %s', (_name, request) => {
      expect(validateOrderRequest(orderRequest(request)).ok).toBe(true);
    });
  });

  describe('malformed input is refused with a code and the Alpaca field name', () => {
    it.each<[string, Partial<OrderRequest>, string, string]>([
      ['a symbol that is not a symbol', { symbol: 'AAPL; DROP' }, 'ORDER.INVALID_SYMBOL', 'symbol'],
      ['an empty symbol', { symbol: '' }, 'ORDER.INVALID_SYMBOL', 'symbol'],
      ['an unknown side', { side: 'short' }, 'ORDER.INVALID_SIDE', 'side'],
      ['an unknown order type', { type: 'trailing_stop' }, 'ORDER.INVALID_TYPE', 'type'],
      ['an unsupported time in force', { timeInForce: 'opg' }, 'ORDER.INVALID_TIME_IN_FORCE', 'time_in_force'],
      ['zero quantity', { qty: '0' }, 'ORDER.INVALID_QTY', 'qty'],
      ['negative quantity', { qty: '-5' }, 'ORDER.INVALID_QTY', 'qty'],
      ['NaN quantity', { qty: 'NaN' }, 'ORDER.INVALID_QTY', 'qty'],
      ['a huge quantity', { qty: '1e30' }, 'ORDER.INVALID_QTY', 'qty'],
      ['too large a quantity', { qty: '1000000001' }, 'ORDER.INVALID_QTY', 'qty'],
      ['too many decimals', { qty: '0.0000000001' }, 'ORDER.INVALID_QTY', 'qty'],
      ['fractional quantity with gtc', { qty: '0.5', timeInForce: 'gtc' }, 'ORDER.INVALID_QTY', 'qty'],
      ['no quantity and no notional', { qty: null }, 'ORDER.MISSING_QTY', 'qty'],
      ['quantity and notional', { notional: '100' }, 'ORDER.QTY_AND_NOTIONAL', 'qty'],
      ['notional on a limit order', { qty: null, notional: '100' }, 'ORDER.INVALID_NOTIONAL', 'notional'],
      ['notional with gtc', { type: 'market', limitPrice: null, qty: null, notional: '100', timeInForce: 'gtc' }, 'ORDER.INVALID_NOTIONAL', 'notional'],
      ['notional with three decimals', { type: 'market', limitPrice: null, qty: null, notional: '100.001' }, 'ORDER.INVALID_NOTIONAL', 'notional'],
      ['a limit order without limit price', { limitPrice: null }, 'ORDER.MISSING_LIMIT_PRICE', 'limit_price'],
      ['a market order with a limit price', { type: 'market' }, 'ORDER.UNEXPECTED_LIMIT_PRICE', 'limit_price'],
      ['a negative limit price', { limitPrice: '-1' }, 'ORDER.INVALID_LIMIT_PRICE', 'limit_price'],
      ['a sub-penny limit price above $1', { limitPrice: '150.001' }, 'ORDER.INVALID_LIMIT_PRICE', 'limit_price'],
      ['five decimals below $1', { limitPrice: '0.12345' }, 'ORDER.INVALID_LIMIT_PRICE', 'limit_price'],
      ['a stop order without stop price', { type: 'stop', limitPrice: null }, 'ORDER.MISSING_STOP_PRICE', 'stop_price'],
      ['a limit order with a stop price', { stopPrice: '140' }, 'ORDER.UNEXPECTED_STOP_PRICE', 'stop_price'],
      ['a garbage stop price', { type: 'stop', limitPrice: null, stopPrice: 'abc' }, 'ORDER.INVALID_STOP_PRICE', 'stop_price'],
      ['a client order id over 128 characters', { clientOrderId: 'x'.repeat(129) }, 'ORDER.INVALID_CLIENT_ORDER_ID', 'client_order_id'],
      ['a client order id with spaces', { clientOrderId: 'my order' }, 'ORDER.INVALID_CLIENT_ORDER_ID', 'client_order_id'],
    ])('%s', (_name, request, code, field) => {
      const [first] = refusalOf(request);
      expect(first).toMatchObject({ code, field });
      expect(first.message).toMatch(new RegExp(`^${field} `));
    });

    it('reports every problem at once', () => {
      const codes = refusalOf({ symbol: '???', side: 'hold', qty: '-1' }).map((r) => r.code);
      expect(codes).toEqual(['ORDER.INVALID_SYMBOL', 'ORDER.INVALID_SIDE', 'ORDER.INVALID_QTY']);
    });
  });
});
