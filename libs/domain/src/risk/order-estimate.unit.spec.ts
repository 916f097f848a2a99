import { T0, orderSpec } from '../testing/account-book.fixtures';
import { estimateOrder } from './order-estimate';

const reference = { symbol: 'AAPL', price: '150.00', at: T0, source: 'test-feed' };

describe('estimating an order', () => {
  it('a limit buy is valued and held at its limit price', () => {
    expect(estimateOrder(orderSpec({ qty: '3', limitPrice: '149.99' }), reference, '10')).toEqual({
      unitPrice: '149.99',
      qty: '3',
      notional: '449.97',
      reservePrice: '149.99',
      reservedCash: '449.97',
    });
  });

  it('a market buy is valued at the reference price and held at the top of the collar', () => {
    expect(estimateOrder(orderSpec({ type: 'market', limitPrice: null, qty: '2' }), reference, '2.5')).toEqual({
      unitPrice: '150.00',
      qty: '2',
      notional: '300.00',
      reservePrice: '153.75',
      reservedCash: '307.50',
    });
  });

  it('a stop buy is held at its stop price plus the collar', () => {
    expect(estimateOrder(orderSpec({ type: 'stop', limitPrice: null, stopPrice: '160.00' }), reference, '10')).toMatchObject({
      reservePrice: '176.00',
      reservedCash: '1760.00',
    });
  });

  it('a notional buy holds its notional and estimates its quantity, rounding up', () => {
    expect(estimateOrder(orderSpec({ type: 'market', limitPrice: null, qty: null, notional: '100.00' }), reference, '10')).toEqual({
      unitPrice: '150.00',
      qty: '0.666666667',
      notional: '100.00',
      reservePrice: null,
      reservedCash: '100.00',
    });
  });

  it('a sell holds no cash', () => {
    expect(estimateOrder(orderSpec({ side: 'sell' }), reference, '10')).toMatchObject({ reservePrice: null, reservedCash: '0.00' });
  });

  it('a market order without a reference price cannot be valued', () => {
    expect(estimateOrder(orderSpec({ type: 'market', limitPrice: null }), null, '10')).toEqual({
      unitPrice: null,
      qty: '10',
      notional: null,
      reservePrice: null,
      reservedCash: null,
    });
  });
});
