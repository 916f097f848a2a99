import { ArchivedRecordBatch, encodeParquet, RecordColumns, tableOfParquet } from '@trading/archive';
import { TRADING_MESSAGES } from '@trading/contracts';
import { MessageRegistry } from '@trading/messaging';
import { ArchivedRecord, ArchiveQuery, ArchiveSource } from '../archive/archive-source.port';
import { InMemoryArchiveSource } from '../archive/in-memory-archive.source';
import { AccountHistory } from '../testing/account-history.fixture';
import { ArchiveLog, TEST_TOPICS } from '../testing/archive-log.fixture';
import { ReplayFilter } from './replay-filter';
import { replayState } from './state-replay';
import { viewOf } from './state-views';

const registry = new MessageRegistry().register(...TRADING_MESSAGES);
const everything = (asOf: Date): ReplayFilter => ({ accountIds: null, symbols: null, asOf });

/** Records of one topic as Parquet files of `perFile` records, read back column by column as the S3 reader does. */
class ParquetArchiveSource implements ArchiveSource {
  private readonly files: Uint8Array[] = [];

  constructor(private readonly stored: readonly ArchivedRecord[], perFile = 7) {
    for (let start = 0; start < stored.length; start += perFile) this.files.push(encodeParquet(stored.slice(start, start + perFile)));
  }

  records(query: ArchiveQuery): AsyncIterable<ArchivedRecord> {
    return new InMemoryArchiveSource(this.stored).records(query);
  }

  async *recordBatches(query: ArchiveQuery): AsyncIterable<ArchivedRecordBatch> {
    for (const [index, file] of this.files.entries()) {
      for (const batch of tableOfParquet(file).batches) {
        const columns = new RecordColumns(batch);
        const rows = Int32Array.from({ length: columns.length }, (_, row) => row).filter((row) => (columns.timestamp.number(row) ?? 0) < (query.to?.getTime() ?? Infinity));
        yield new ArchivedRecordBatch(columns, rows, `file-${index}.parquet`);
      }
    }
  }
}

async function replay(log: ArchiveLog, filter: ReplayFilter) {
  const state = await replayState({ source: new InMemoryArchiveSource(log.records), registry, orderEventsTopic: TEST_TOPICS.orderEvents, filter });
  return { state, view: viewOf(state, filter) };
}

describe('replaying the archived order events', () => {
  describe('given an order filled in two parts', () => {
    const log = new ArchiveLog();
    const account = new AccountHistory(log, 'acct-1');
    account.open('100000');
    account.place('o-1', { qty: '10', limitPrice: '150.00' });
    account.acknowledge('o-1');
    account.fill('o-1', 'x-1', '4', '149.50');
    const middle = new Date(account.now());
    account.fill('o-1', 'x-2', '6', '150.00', true);

    it('when replayed as of an instant between the fills, then the order is partially filled at the first fill', async () => {
      const { view } = await replay(log, everything(middle));

      expect(view.orders).toHaveLength(1);
      expect(view.orders[0]?.order).toMatchObject({ orderId: 'o-1', status: 'partially_filled', filledQty: '4', filledAvgPrice: '149.50', executionIds: ['x-1'] });
      expect(view.positions).toEqual([
        { accountId: 'acct-1', symbol: 'AAPL', position: { qty: '4', avgEntryPrice: '149.50', costBasis: '598.00', realizedPnl: '0.00' } },
      ]);
      expect(view.cash).toEqual([{ accountId: 'acct-1', cash: '99402.00' }]);
    });

    it('when replayed as of now, then it equals the book the OMS holds', async () => {
      const { state, view } = await replay(log, everything(new Date()));

      expect(state.accounts[0]?.book).toEqual(account.state());
      expect(view.orders[0]?.order).toMatchObject({ status: 'filled', filledQty: '10', filledAvgPrice: '149.80' });
      expect(view.positions[0]?.position).toEqual({ qty: '10', avgEntryPrice: '149.80', costBasis: '1498.00', realizedPnl: '0.00' });
    });

    it('when replayed as of an instant before the account opened, then there is nothing', async () => {
      const { view } = await replay(log, everything(new Date('2020-01-01T00:00:00.000Z')));

      expect(view).toEqual({ asOf: '2020-01-01T00:00:00.000Z', orders: [], positions: [], cash: [] });
    });
  });

  describe('given two accounts trading two symbols', () => {
    const log = new ArchiveLog();
    const first = new AccountHistory(log, 'acct-a');
    const second = new AccountHistory(log, 'acct-b', 1);
    for (const account of [first, second]) {
      account.open('50000');
      account.place(`${account.accountId}-aapl`, { symbol: 'AAPL', qty: '1' });
      account.place(`${account.accountId}-msft`, { symbol: 'MSFT', qty: '1', limitPrice: '400.00' }, '400.00');
      account.acknowledge(`${account.accountId}-msft`);
      account.fill(`${account.accountId}-msft`, `${account.accountId}-x`, '1', '399.00', true);
    }

    it('when filtered by account and symbol, then only those orders and positions are shown, and that account cash', async () => {
      const { view } = await replay(log, { accountIds: new Set(['acct-b']), symbols: new Set(['MSFT']), asOf: new Date() });

      expect(view.orders.map((row) => row.order.orderId)).toEqual(['acct-b-msft']);
      expect(view.positions.map((row) => `${row.accountId}/${row.symbol}`)).toEqual(['acct-b/MSFT']);
      expect(view.cash).toEqual([{ accountId: 'acct-b', cash: '49601.00' }]);
    });
  });

  describe('given an archive holding duplicates and records out of seq order', () => {
    const log = new ArchiveLog();
    const account = new AccountHistory(log, 'acct-1');
    account.open();
    account.place('o-1');
    account.acknowledge('o-1');
    account.fill('o-1', 'x-1', '10', '150.00', true);
    const events = log.records.filter((record) => record.topic === TEST_TOPICS.orderEvents);
    const shuffled = [events[2], events[0], events[0], events[3], events[1], events[2]].filter((record) => record !== undefined);

    it('when replayed, then each event is folded once in seq order', async () => {
      const state = await replayState({ source: new InMemoryArchiveSource(shuffled), registry, orderEventsTopic: TEST_TOPICS.orderEvents, filter: everything(new Date()) });

      expect(state.folded).toBe(4);
      expect(state.accounts[0]?.book).toEqual(account.state());
    });

    it('when a seq is missing, then replay refuses, naming the stream and the seq', async () => {
      const holed = events.filter((record) => record.seq !== 2);
      const attempt = replayState({ source: new InMemoryArchiveSource(holed), registry, orderEventsTopic: TEST_TOPICS.orderEvents, filter: everything(new Date()) });

      await expect(attempt).rejects.toMatchObject({ code: 'REPLAY.INCONSISTENT_ARCHIVE', details: { streamId: 'account-acct-1', missingSeq: 2 } });
    });

    it('when a record is not an envelope, then replay refuses, naming where it lies', async () => {
      const corrupt = [{ ...events[0]!, value: Buffer.from('{not json') }];
      const attempt = replayState({ source: new InMemoryArchiveSource(corrupt), registry, orderEventsTopic: TEST_TOPICS.orderEvents, filter: everything(new Date()) });

      await expect(attempt).rejects.toMatchObject({ code: 'REPLAY.UNDECODABLE_RECORD', details: { topic: TEST_TOPICS.orderEvents, offset: '0' } });
    });
  });

  describe('given accounts with many orders, some filled, canceled or refused', () => {
    const log = new ArchiveLog();
    const accounts = [new AccountHistory(log, 'acct-a'), new AccountHistory(log, 'acct-b', 1)];
    const instants: Date[] = [];
    for (const account of accounts) {
      account.open('1000000');
      for (let n = 0; n < 30; n++) {
        const orderId = `${account.accountId}-o${n}`;
        account.place(orderId, { side: n % 3 === 2 ? 'sell' : 'buy', qty: String(1 + (n % 4)), symbol: n % 2 ? 'MSFT' : 'AAPL', limitPrice: n % 2 ? '400.00' : '150.00' }, n % 2 ? '400.00' : '150.00');
        account.acknowledge(orderId);
        if (n % 5 === 4) {
          account.cancel(orderId);
          account.canceled(orderId);
        } else {
          account.fill(orderId, `${orderId}-x`, '1', n % 2 ? '399.50' : '149.75', n % 4 === 0);
        }
        if (n % 7 === 0) instants.push(new Date(account.now()));
      }
      account.place(`${account.accountId}-big`, { qty: '100000' });
    }

    it.each([...instants, new Date()].map((asOf) => [asOf.toISOString(), asOf]))('when replayed as of %s, then the default path reconstructs what --strict (registry decode, pure fold) does', async (_, asOf) => {
      const source = new InMemoryArchiveSource(log.records);
      const input = { source, registry, orderEventsTopic: TEST_TOPICS.orderEvents, filter: everything(asOf) };

      const fast = await replayState(input);
      const strict = await replayState({ ...input, strict: true });

      expect(fast).toEqual(strict);
      expect(JSON.stringify(viewOf(fast, { symbols: null }))).toBe(JSON.stringify(viewOf(strict, { symbols: null })));
    });
  });

  describe('given a source that reads record batches column by column', () => {
    const log = new ArchiveLog();
    const accounts = [new AccountHistory(log, 'acct-a'), new AccountHistory(log, 'acct-b', 1)];
    const instants: Date[] = [];
    for (const account of accounts) {
      account.open('1000000');
      for (let n = 0; n < 12; n++) {
        const orderId = `${account.accountId}-o${n}`;
        account.place(orderId, { side: n % 3 === 2 ? 'sell' : 'buy', qty: n % 2 ? '0.5' : '3', symbol: n % 2 ? 'MSFT' : 'AAPL', limitPrice: n % 2 ? '400.00' : '150.00' }, n % 2 ? '400.00' : '150.00');
        account.acknowledge(orderId);
        if (n % 5 === 4) {
          account.cancel(orderId);
          account.canceled(orderId);
        } else {
          account.fill(orderId, `${orderId}-x1`, n % 2 ? '0.25' : '1', n % 2 ? '399.125' : '149.75');
          account.fill(orderId, `${orderId}-x2`, n % 2 ? '0.25' : '2', n % 2 ? '400.00' : '150.10', true);
        }
        if (n % 4 === 0) instants.push(new Date(account.now()));
      }
    }
    const events = log.records.filter((record) => record.topic === TEST_TOPICS.orderEvents);

    it.each([...instants, new Date()].map((asOf) => [asOf.toISOString(), asOf]))('when replayed as of %s, then it reconstructs what --strict does', async (_, asOf) => {
      const source = new ParquetArchiveSource(events);
      const input = { source, registry, orderEventsTopic: TEST_TOPICS.orderEvents, filter: everything(asOf) };

      const fast = await replayState(input);
      const strict = await replayState({ ...input, strict: true });

      expect(fast).toEqual(strict);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(strict));
    });

    it('when filtered by account, then only that account is reconstructed, as --strict does', async () => {
      const input = { source: new ParquetArchiveSource(events, 5), registry, orderEventsTopic: TEST_TOPICS.orderEvents, filter: { accountIds: new Set(['acct-b']), symbols: null, asOf: new Date() } };

      const fast = await replayState(input);

      expect(fast.accounts.map((account) => account.accountId)).toEqual(['acct-b']);
      expect(fast).toEqual(await replayState({ ...input, strict: true }));
    });

    it('when a record is not an envelope or a seq is missing, then replay refuses naming where it lies, as from records', async () => {
      const corrupt = [events[0]!, { ...events[1]!, value: Buffer.from('{not json') }];
      const holed = events.filter((record) => !(record.accountId === 'acct-a' && record.seq === 3));
      const attempt = (stored: readonly ArchivedRecord[]) => replayState({ source: new ParquetArchiveSource(stored), registry, orderEventsTopic: TEST_TOPICS.orderEvents, filter: everything(new Date()) });

      await expect(attempt(corrupt)).rejects.toMatchObject({ code: 'REPLAY.UNDECODABLE_RECORD', details: { topic: TEST_TOPICS.orderEvents, offset: events[1]!.offset } });
      await expect(attempt(holed)).rejects.toMatchObject({ code: 'REPLAY.INCONSISTENT_ARCHIVE', details: { streamId: 'account-acct-a', missingSeq: 3 } });
      await expect(attempt(holed)).rejects.toThrow(`at ${TEST_TOPICS.orderEvents}[0]@`);
    });
  });
});
