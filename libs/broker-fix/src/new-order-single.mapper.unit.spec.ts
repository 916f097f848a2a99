import { BrokerOrder, BrokerUnsupportedError } from '@trading/broker-sdk';
import { toNewOrderSingle } from './new-order-single.mapper';
import { toOrderCancelReplaceRequest, toOrderCancelRequest } from './order-cancel.mapper';

const at = new Date('2024-05-01T13:30:00.000Z');
const order: BrokerOrder = {
  clientOrderId: 'ord-1',
  accountId: 'acc-1',
  symbol: 'AAPL',
  side: 'sell',
  type: 'stop_limit',
  timeInForce: 'gtc',
  qty: '0.5',
  notional: null,
  limitPrice: '185.10',
  stopPrice: '185.00',
};

describe('toNewOrderSingle', () => {
  it('given a stop-limit sell, then every field goes out under its FIX 4.4 name, decimals as exact strings', () => {
    expect(toNewOrderSingle(order, 'fix', at)).toEqual({
      ClOrdID: 'ord-1',
      Instrument: { Symbol: 'AAPL' },
      Side: '2',
      TransactTime: at,
      OrderQtyData: { OrderQty: '0.5' },
      OrdType: '4',
      Price: '185.10',
      StopPx: '185.00',
      TimeInForce: '1',
    });
  });

  it.each([
    ['market', 'day', '1', '0'],
    ['limit', 'ioc', '2', '3'],
    ['stop', 'fok', '3', '4'],
  ] as const)('given a %s %s order, then OrdType and TimeInForce are coded', (type, timeInForce, ordType, tif) => {
    const body = toNewOrderSingle({ ...order, side: 'buy', type, timeInForce }, 'fix', at);
    expect(body).toMatchObject({ Side: '1', OrdType: ordType, TimeInForce: tif });
  });

  it('given a market order, then no price goes out even if one was set', () => {
    const body = toNewOrderSingle({ ...order, type: 'market' }, 'fix', at);
    expect(body).not.toHaveProperty('Price');
    expect(body).not.toHaveProperty('StopPx');
  });

  it('given a notional order, then it is refused before anything is sent', () => {
    expect(() => toNewOrderSingle({ ...order, qty: null, notional: '100' }, 'fix', at)).toThrow(BrokerUnsupportedError);
  });

  it('given a limit order without a limit price, then it is refused', () => {
    expect(() => toNewOrderSingle({ ...order, type: 'limit', limitPrice: null }, 'fix', at)).toThrow(/without a limit price/);
  });
});

describe('toOrderCancelRequest', () => {
  it('given a cancel, then it has its own ClOrdID and names our order as OrigClOrdID', () => {
    expect(toOrderCancelRequest({ clientOrderId: 'ord-1', symbol: 'AAPL', side: 'buy' }, 'cxl-1', '7', at)).toEqual({
      OrigClOrdID: 'ord-1',
      ClOrdID: 'cxl-1',
      Instrument: { Symbol: 'AAPL' },
      Side: '1',
      TransactTime: at,
      OrderQtyData: { OrderQty: '7' },
    });
  });

  it('given the order quantity is unknown, then OrderQty is left out', () => {
    expect(toOrderCancelRequest({ clientOrderId: 'ord-1', symbol: 'AAPL', side: 'buy' }, 'cxl-1', null, at)).toMatchObject({ OrderQtyData: {} });
  });
});

describe('toOrderCancelReplaceRequest', () => {
  it('given a replace, then the replacement id is the ClOrdID and the old one OrigClOrdID', () => {
    const body = toOrderCancelReplaceRequest({ clientOrderId: 'ord-1', replacement: { ...order, clientOrderId: 'ord-2' } }, 'fix', at);
    expect(body).toMatchObject({ OrigClOrdID: 'ord-1', ClOrdID: 'ord-2', Price: '185.10' });
  });
});
