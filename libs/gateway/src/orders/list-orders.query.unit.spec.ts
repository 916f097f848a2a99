import { createOrder, Order, OrderStatus } from '@trading/domain';
import { MalformedRequestError } from './order-refused.error';
import { parseListOrdersQuery, RawListOrdersQuery, selectOrders } from './list-orders.query';

const risk = { limitSetVersion: 1, referencePrice: null, reservedCash: '0.00', checks: [] } as unknown as Order['risk'];

function order(id: string, submittedAt: string, spec: { symbol?: string; side?: 'buy' | 'sell'; status?: OrderStatus } = {}): Order {
  const created = createOrder({
    orderId: id,
    clientOrderId: `c-${id}`,
    spec: {
      symbol: spec.symbol ?? 'AAPL',
      side: spec.side ?? 'buy',
      type: 'limit',
      timeInForce: 'day',
      qty: '1',
      notional: null,
      limitPrice: '100.00',
      stopPrice: null,
    },
    risk,
    replaces: null,
    at: submittedAt,
  });
  return { ...created, status: spec.status ?? created.status };
}

const book = [
  order('o1', '2024-05-01T14:00:00.000Z', { symbol: 'AAPL', side: 'buy' }),
  order('o2', '2024-05-01T14:00:01.000Z', { symbol: 'MSFT', side: 'sell' }),
  order('o3', '2024-05-01T14:00:02.000Z', { symbol: 'SPY', side: 'buy', status: 'filled' }),
  order('o4', '2024-05-02T09:30:00.000Z', { symbol: 'AAPL', side: 'sell', status: 'canceled' }),
];

const ids = (raw: RawListOrdersQuery) => selectOrders(book, parseListOrdersQuery(raw)).map((o) => o.orderId);

describe('GET /v2/orders query', () => {
  describe('given an account with open and closed orders', () => {
    it('lists open orders newest first by default', () => {
      expect(ids({})).toEqual(['o2', 'o1']);
    });

    it('lists closed or all orders, oldest first on direction=asc', () => {
      expect(ids({ status: 'closed', direction: 'asc' })).toEqual(['o3', 'o4']);
      expect(ids({ status: 'all', direction: 'asc' })).toEqual(['o1', 'o2', 'o3', 'o4']);
    });

    it('keeps only the listed symbols, case-insensitively', () => {
      expect(ids({ status: 'all', symbols: 'aapl, SPY' })).toEqual(['o4', 'o3', 'o1']);
    });

    it('keeps only one side', () => {
      expect(ids({ status: 'all', side: 'sell' })).toEqual(['o4', 'o2']);
    });

    it('keeps orders submitted strictly after `after` and strictly before `until`', () => {
      expect(ids({ status: 'all', after: '2024-05-01T14:00:00Z', until: '2024-05-01T14:00:02Z' })).toEqual(['o2']);
      expect(ids({ status: 'all', after: '2024-05-02' })).toEqual(['o4']);
      expect(ids({ status: 'all', until: '2024-05-01T16:00:01+02:00' })).toEqual(['o1']);
    });

    it('stops at the limit after ordering', () => {
      expect(ids({ status: 'all', limit: '2' })).toEqual(['o4', 'o3']);
      expect(ids({ status: 'all', limit: '2', direction: 'asc' })).toEqual(['o1', 'o2']);
    });

    it('accepts nested=true, which changes nothing for single-leg orders', () => {
      expect(ids({ status: 'all', nested: 'true' })).toEqual(ids({ status: 'all' }));
    });
  });

  describe('refuses bad input naming the field', () => {
    it.each<[RawListOrdersQuery, string]>([
      [{ status: 'pending' }, 'status'],
      [{ limit: '0' }, 'limit'],
      [{ limit: '501' }, 'limit'],
      [{ limit: '1.5' }, 'limit'],
      [{ direction: 'up' }, 'direction'],
      [{ side: 'short' }, 'side'],
      [{ nested: 'yes' }, 'nested'],
      [{ after: 'yesterday' }, 'after'],
      [{ until: '2024-13-45T00:00:00Z' }, 'until'],
      [{ after: '2024-05-02', until: '2024-05-01' }, 'until'],
      [{ symbols: 'AAPL,not a symbol' }, 'symbols'],
      [{ status: ['open', 'closed'] }, 'status'],
    ])('%j -> %s', (raw, field) => {
      let error: unknown;
      try {
        parseListOrdersQuery(raw);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(MalformedRequestError);
      expect((error as MalformedRequestError).code).toBe('ORDER.MALFORMED_REQUEST');
      expect((error as MalformedRequestError).message.startsWith(field)).toBe(true);
    });
  });
});
