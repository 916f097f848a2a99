import { Clock, dec, formatMoney } from '@trading/domain';
import { testConfig, uniqueName } from '@trading/testing';
import { OrdersStore } from '../orders/orders.store';
import { AccountStream } from '../testing/account-stream.fixture';
import { batchOf, recordsOf } from '../testing/stream-records';
import { createTestDatabase, TestDatabase } from '../testing/test-database';
import { OpenOrderHoldsQueryRepository } from './open-order-holds.query-repository';
import { OrderListFilter } from './order-list.filter';
import { OrdersQueryRepository } from './orders.query-repository';

const clock: Clock = { now: () => new Date('2026-03-02T16:00:00.000Z') };
/** The fixture's clock: command n is decided at T0 + n seconds. */
const at = (second: number) => new Date(Date.parse('2026-03-02T14:30:00.000Z') + second * 1000);
const ALL: OrderListFilter = { status: 'all', limit: 500, after: null, until: null, direction: 'asc', symbols: null, side: null };

/**
 * Account A: a-1 filled (placed at second 2), a-2 replaced by a-3 (canceled), a-4 sell filled,
 * a-5 MSFT buy open and partly filled, a-6 AAPL buy open; account B: one open MSFT order.
 */
function twoAccounts() {
  const a = new AccountStream(uniqueName('acc-a'));
  a.open('50000');
  a.place('a-1', { clientOrderId: 'a-first', qty: '10', limitPrice: '150.00' }); // second 2
  a.acknowledge('a-1');
  a.fill('a-1', 'a-x1', '10', '150.00', true);
  a.place('a-2', { qty: '5', limitPrice: '140.00' }); // second 5
  a.acknowledge('a-2');
  a.replace('a-2', 'a-3', { limitPrice: '141.00' }); // second 7
  a.report({ kind: 'replaced', orderId: 'a-2', replacementOrderId: 'a-3' });
  a.cancel('a-3');
  a.report({ kind: 'canceled', orderId: 'a-3', reason: null });
  a.place('a-4', { side: 'sell', qty: '4', limitPrice: '155.00' }); // second 11
  a.acknowledge('a-4');
  a.fill('a-4', 'a-x2', '4', '155.10', true);
  a.place('a-5', { symbol: 'MSFT', qty: '2', limitPrice: '400.00' }, '400.00'); // second 14
  a.acknowledge('a-5');
  a.fill('a-5', 'a-x3', '0.5', '399.50');
  a.place('a-6', { qty: '3', limitPrice: '149.00', clientOrderId: 'a-last' }); // second 17
  a.place('a-7', { side: 'sell', qty: '2', limitPrice: '160.00' }); // second 18
  const b = new AccountStream(uniqueName('acc-b'));
  b.open('10000');
  b.place('b-1', { symbol: 'MSFT', qty: '1', limitPrice: '400.00', clientOrderId: 'a-first' }, '400.00');
  return { a, b };
}

describe('OrdersQueryRepository (real PostgreSQL)', () => {
  let database: TestDatabase;
  let orders: OrdersQueryRepository;
  let holds: OpenOrderHoldsQueryRepository;
  let a: AccountStream;
  let b: AccountStream;
  const ids = async (accountId: string, filter: Partial<OrderListFilter>) => (await orders.list(accountId, { ...ALL, ...filter })).map((o) => o.orderId);

  beforeAll(async () => {
    database = await createTestDatabase(testConfig().DATABASE_URL, uniqueName('it_order_queries'));
    ({ a, b } = twoAccounts());
    await new OrdersStore(database.dataSource, clock).apply(batchOf(recordsOf([...a.envelopes, ...b.envelopes])), async () => undefined);
    orders = new OrdersQueryRepository(database.dataSource);
    holds = new OpenOrderHoldsQueryRepository(database.dataSource);
  });

  afterAll(() => database.drop());

  it('given all statuses, then the account sees its own orders by submission time, newest first by default direction', async () => {
    expect(await ids(a.accountId, {})).toEqual(['a-1', 'a-2', 'a-3', 'a-4', 'a-5', 'a-6', 'a-7']);
    expect(await ids(a.accountId, { direction: 'desc' })).toEqual(['a-7', 'a-6', 'a-5', 'a-4', 'a-3', 'a-2', 'a-1']);
    expect(await ids(b.accountId, {})).toEqual(['b-1']);
  });

  it('given status open or closed, then only those orders', async () => {
    expect(await ids(a.accountId, { status: 'open' })).toEqual(['a-5', 'a-6', 'a-7']);
    expect(await ids(a.accountId, { status: 'closed' })).toEqual(['a-1', 'a-2', 'a-3', 'a-4']);
  });

  it('given symbols and side, then only matching orders', async () => {
    expect(await ids(a.accountId, { symbols: ['MSFT'] })).toEqual(['a-5']);
    expect(await ids(a.accountId, { symbols: ['AAPL', 'MSFT'], side: 'sell' })).toEqual(['a-4', 'a-7']);
    expect(await ids(a.accountId, { symbols: ['TSLA'] })).toEqual([]);
  });

  it('given after and until, then strictly between, and pages follow each other by the last submission time', async () => {
    expect(await ids(a.accountId, { after: at(5), until: at(17) })).toEqual(['a-3', 'a-4', 'a-5']);
    const firstPage = await orders.list(a.accountId, { ...ALL, direction: 'desc', limit: 3 });
    const last = firstPage[firstPage.length - 1];
    const secondPage = await ids(a.accountId, { direction: 'desc', limit: 3, until: new Date(last?.submittedAt ?? 0) });

    expect(firstPage.map((o) => o.orderId)).toEqual(['a-7', 'a-6', 'a-5']);
    expect(secondPage).toEqual(['a-4', 'a-3', 'a-2']);
  });

  it('given an order id or client order id, then only within the account that owns it', async () => {
    expect(await orders.byId(a.accountId, 'a-5')).toMatchObject({ orderId: 'a-5', status: 'partially_filled', filledQty: '0.5', filledAvgPrice: '399.50' });
    expect(await orders.byId(b.accountId, 'a-5')).toBeNull();
    expect(await orders.byClientOrderId(a.accountId, 'a-last')).toMatchObject({ orderId: 'a-6', qty: '3', limitPrice: '149.00' });
    expect(await orders.byClientOrderId(b.accountId, 'a-last')).toBeNull();
    expect((await orders.byClientOrderId(b.accountId, 'a-first'))?.orderId).toBe('b-1');
  });

  it('given open orders, then their reserved cash is the OMS book\'s and open quantities are per symbol and side', async () => {
    const book = a.state();
    if (book.status !== 'open') throw new Error('fixture account is not open');
    const expectedReserved = [...book.orders.values()]
      .filter((order) => ['a-5', 'a-6', 'a-7'].includes(order.orderId))
      .reduce((sum, order) => sum.plus(order.reservedCash), dec('0'));

    const held = await holds.holds(a.accountId);

    expect(expectedReserved.gt(0)).toBe(true);
    expect(held.reservedCash).toBe(formatMoney(expectedReserved));
    expect(Object.fromEntries(held.openQty)).toEqual({ MSFT: { buy: '1.5', sell: '0' }, AAPL: { buy: '3', sell: '2' } });
    expect(await holds.holds(uniqueName('nobody'))).toEqual({ reservedCash: '0.00', openQty: new Map() });
  });
});
