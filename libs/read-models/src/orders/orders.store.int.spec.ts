import { Clock, OpenAccountBook } from '@trading/domain';
import { OrderRowEntity } from '@trading/persistence';
import { testConfig, uniqueName } from '@trading/testing';
import { DataSource } from 'typeorm';
import { AccountEventEnvelope } from '../events/account-event';
import { DeadLetterSink, ProjectionRecord } from '../runtime/projection-store.port';
import { AccountStream } from '../testing/account-stream.fixture';
import { batchOf, recordsOf } from '../testing/stream-records';
import { createTestDatabase, orderTables, TestDatabase } from '../testing/test-database';
import { toOrder } from './order-row';
import { OrdersProgress } from './orders.progress';
import { OrdersStore } from './orders.store';

const clock: Clock = { now: () => new Date('2026-03-02T16:00:00.000Z') };

/** A day of two accounts: fills, a replace, a cancel, a refusal. */
function tradingDay(): AccountEventEnvelope[] {
  const a = new AccountStream(uniqueName('acc-a'));
  a.open('50000');
  a.place('a-1', { clientOrderId: 'a-first', qty: '10', limitPrice: '150.00' });
  a.acknowledge('a-1');
  a.fill('a-1', 'a-x1', '3', '149.95');
  a.fill('a-1', 'a-x2', '7', '150.00', true);
  a.place('a-2', { qty: '5', limitPrice: '140.00' });
  a.acknowledge('a-2');
  a.replace('a-2', 'a-3', { limitPrice: '141.00' });
  a.report({ kind: 'replaced', orderId: 'a-2', replacementOrderId: 'a-3' });
  a.cancel('a-3');
  a.report({ kind: 'canceled', orderId: 'a-3', reason: null });
  a.place('a-4', { side: 'sell', qty: '4', limitPrice: '155.00' });
  a.acknowledge('a-4');
  a.fill('a-4', 'a-x3', '4', '155.10', true);
  a.place('a-5', { qty: '999999' });
  const b = new AccountStream(uniqueName('acc-b'));
  b.open('1000');
  b.place('b-1', { symbol: 'MSFT', qty: '0.5', limitPrice: '400.00' }, '400.00');
  b.acknowledge('b-1');
  b.fill('b-1', 'b-x1', '0.25', '399.99');
  return [...a.envelopes, ...b.envelopes];
}

describe('OrdersStore (real PostgreSQL)', () => {
  const config = testConfig();
  let database: TestDatabase;
  let dataSource: DataSource;
  let store: OrdersStore;
  const parked: ProjectionRecord[] = [];
  const deadLetter: DeadLetterSink = async (record) => {
    parked.push(record);
  };

  beforeAll(async () => {
    database = await createTestDatabase(config.DATABASE_URL, uniqueName('it_orders'));
    dataSource = database.dataSource;
  });

  afterAll(async () => {
    await database.drop();
  });

  beforeEach(async () => {
    parked.length = 0;
    await dataSource.query('TRUNCATE orders, order_fills, order_events, projection_streams, projection_checkpoints');
    store = new OrdersStore(dataSource, clock);
  });

  it('given a day applied, then every row reads back as the order the domain holds (decimals, execution ids, risk, times)', async () => {
    const account = new AccountStream(uniqueName('acc-rt'));
    account.open('50000');
    account.place('r-1', { clientOrderId: 'r-first', qty: '10', limitPrice: '150.00' });
    account.acknowledge('r-1');
    account.fill('r-1', 'r-x1', '3', '149.95');
    account.fill('r-1', 'r-x2', '2', '150.00');
    account.place('r-2', { symbol: 'MSFT', qty: '0.5', limitPrice: '400.10' }, '400.00');
    account.replace('r-2', 'r-3', { limitPrice: '401.00' });

    await store.apply(batchOf(recordsOf(account.envelopes)), deadLetter);

    const rows = await dataSource.getRepository(OrderRowEntity).find();
    const book = account.state() as OpenAccountBook;
    expect(new Map(rows.map((row) => [row.orderId, toOrder(row)]))).toEqual(new Map(book.orders));
    expect(book.orders.get('r-1')?.executionIds).toEqual(['r-x1', 'r-x2']);
  });

  it('given every event applied twice, then the rows are those of applying it once', async () => {
    const events = tradingDay();
    const records = recordsOf(events);

    await store.apply(batchOf(records.slice(0, 7)), deadLetter);
    await store.apply(batchOf(records.slice(7)), deadLetter);
    const once = await orderTables(dataSource);
    await store.apply(batchOf(records), deadLetter);
    for (const record of records) await store.apply(batchOf([record]), deadLetter);

    expect(await orderTables(dataSource)).toEqual(once);
    expect(once.orders).toHaveLength(5); // a-5 was refused: a timeline entry, no order
    expect(once.fills).toHaveLength(4);
    expect(parked).toEqual([]);
  });

  it('given a day applied, then rows carry the Alpaca fields, exact decimals and the stream position', async () => {
    const events = tradingDay();
    const accountA = events[0]?.accountId ?? '';

    await store.apply(batchOf(recordsOf(events)), deadLetter);

    const [filled] = await dataSource.query<Record<string, unknown>[]>("SELECT * FROM orders WHERE order_id = 'a-1'");
    expect(filled).toMatchObject({
      client_order_id: 'a-first',
      status: 'filled',
      qty: '10',
      limit_price: '150.00',
      filled_qty: '10',
      filled_avg_price: '149.985',
      filled_at: expect.any(Date) as Date,
      canceled_at: null,
    });
    const [partial] = await dataSource.query<Record<string, unknown>[]>("SELECT status, filled_qty, qty FROM orders WHERE order_id = 'b-1'");
    expect(partial).toEqual({ status: 'partially_filled', filled_qty: '0.25', qty: '0.5' });
    const replaced = await dataSource.query<Record<string, unknown>[]>(
      "SELECT order_id, status, replaces, replaced_by FROM orders WHERE order_id IN ('a-2', 'a-3') ORDER BY order_id",
    );
    expect(replaced).toEqual([
      { order_id: 'a-2', status: 'replaced', replaces: null, replaced_by: 'a-3' },
      { order_id: 'a-3', status: 'canceled', replaces: 'a-2', replaced_by: null },
    ]);
    const listed = await dataSource.query<{ order_id: string }[]>(
      "SELECT order_id FROM orders WHERE account_id = $1 AND status IN ('filled', 'canceled', 'replaced') ORDER BY submitted_at DESC, order_id DESC",
      [accountA],
    );
    expect(listed.map((row) => row.order_id)).toEqual(['a-4', 'a-3', 'a-2', 'a-1']);
    const timeline = await dataSource.query<{ type: string }[]>("SELECT type FROM order_events WHERE order_id = 'a-5' ORDER BY seq");
    expect(timeline.map((row) => row.type)).toEqual(['OrderRejected']);
    expect(await new OrdersProgress(dataSource).lastAppliedSeq(accountA)).toBe(events.filter((e) => e.accountId === accountA).length);
    expect(await new OrdersProgress(dataSource).lastAppliedSeq('unknown')).toBe(0);
    const checkpoints = await dataSource.query<unknown[]>('SELECT projection, topic, partition, next_offset FROM projection_checkpoints');
    expect(checkpoints).toEqual([{ projection: 'orders', topic: 'orders-it', partition: 0, next_offset: String(events.length) }]);
  });

  it('given an event it cannot apply, then it is dead-lettered before the commit and the rest is applied', async () => {
    const stream = new AccountStream(uniqueName('acc-c'));
    stream.open();
    stream.place('c-1');
    const orphan = { ...stream.acknowledge('c-1')[0], payload: { ...stream.envelopes[2]?.payload, orderId: 'ghost' } } as AccountEventEnvelope;
    const events = [...stream.envelopes.slice(0, 2), orphan];

    await store.apply(batchOf(recordsOf(events)), deadLetter);

    expect(parked.map((record) => record.envelope.seq)).toEqual([3]);
    const rows = await dataSource.query<{ status: string }[]>("SELECT status FROM orders WHERE order_id = 'c-1'");
    expect(rows).toEqual([{ status: 'pending_new' }]);
    expect(await new OrdersProgress(dataSource).lastAppliedSeq(stream.accountId)).toBe(3);
  });

  it('given data the schema refuses, then the failure is permanent, not an outage', async () => {
    const stream = new AccountStream(uniqueName('acc-d'));
    stream.open();
    const placed = stream.place('d-1')[0] as AccountEventEnvelope;
    const { order } = placed.payload as { order: object };
    const tooLong = { ...placed, payload: { ...placed.payload, order: { ...order, symbol: 'X'.repeat(40) } } } as AccountEventEnvelope;

    const failure = await store.apply(batchOf(recordsOf([tooLong])), deadLetter).catch((error: unknown) => error);

    expect(store.isPermanent(failure)).toBe(true);
    expect(await orderTables(dataSource)).toMatchObject({ orders: [], streams: [] });
  });
});
