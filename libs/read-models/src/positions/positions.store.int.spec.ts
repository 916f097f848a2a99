import { DeleteTableCommand, DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { Clock } from '@trading/domain';
import { createDynamoDbClient, ensureDynamoTable, positionsTableDefinition } from '@trading/persistence';
import { testConfig, uniqueName } from '@trading/testing';
import { AccountEventEnvelope } from '../events/account-event';
import { DeadLetterSink, ProjectionRecord } from '../runtime/projection-store.port';
import { AccountStream } from '../testing/account-stream.fixture';
import { batchOf, recordsOf } from '../testing/stream-records';
import { PositionsProgress } from './positions.progress';
import { PositionsStore } from './positions.store';

const clock: Clock = { now: () => new Date('2026-03-02T16:00:00.000Z') };

function tradingDay(accountId: string): AccountStream {
  const stream = new AccountStream(accountId);
  stream.open('100000');
  stream.place('o-1', { qty: '10', limitPrice: '150.00' });
  stream.acknowledge('o-1');
  stream.fill('o-1', 'x-1', '10', '150.00', true);
  stream.place('o-2', { qty: '5', limitPrice: '153.00' });
  stream.acknowledge('o-2');
  stream.fill('o-2', 'x-2', '5', '153.00', true);
  stream.place('o-3', { side: 'sell', qty: '6', limitPrice: '155.00' });
  stream.acknowledge('o-3');
  stream.fill('o-3', 'x-3', '2', '155.25');
  stream.fill('o-3', 'x-4', '4', '155.25', true);
  stream.place('o-4', { symbol: 'MSFT', qty: '0.5', limitPrice: '400.00' }, '400.00');
  stream.acknowledge('o-4');
  stream.fill('o-4', 'x-5', '0.5', '399.99', true);
  stream.place('o-5', { qty: '1', limitPrice: '150.00' });
  return stream;
}

describe('PositionsStore (DynamoDB Local)', () => {
  const config = testConfig();
  const table = positionsTableDefinition(uniqueName('it-'));
  let client: DynamoDBClient;
  const parked: ProjectionRecord[] = [];
  const deadLetter: DeadLetterSink = async (record) => {
    parked.push(record);
  };

  const items = async (accountId: string) =>
    (
      await client.send(
        new QueryCommand({
          TableName: table.TableName,
          KeyConditionExpression: 'accountId = :a',
          ExpressionAttributeValues: { ':a': { S: accountId } },
          ConsistentRead: true,
        }),
      )
    ).Items;

  beforeAll(async () => {
    client = createDynamoDbClient({ endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION });
    await ensureDynamoTable(client, table);
  });

  afterAll(async () => {
    await client.send(new DeleteTableCommand({ TableName: table.TableName }));
    client.destroy();
  });

  beforeEach(() => {
    parked.length = 0;
  });

  it('creates its table only when missing', async () => {
    expect(await ensureDynamoTable(client, table)).toBe('existed');
    const other = positionsTableDefinition(uniqueName('it-'));
    try {
      expect(await ensureDynamoTable(client, other)).toBe('created');
    } finally {
      await client.send(new DeleteTableCommand({ TableName: other.TableName }));
    }
  });

  const countingClient = (commands: string[]): DynamoDBClient => {
    const counted = createDynamoDbClient({ endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION });
    counted.middlewareStack.add((next, context) => async (args) => {
      commands.push(String(context.commandName));
      return next(args);
    });
    return counted;
  };

  it('given a day of fills in one batch, then positions, realized P&L and cash are exact strings, progress is the last seq, in one write', async () => {
    const stream = tradingDay(uniqueName('acc'));
    const commands: string[] = [];
    const counted = countingClient(commands);
    const store = new PositionsStore(counted, table.TableName, clock);

    await store.apply(batchOf(recordsOf(stream.envelopes)), deadLetter);
    counted.destroy();

    const stored = await items(stream.accountId);
    expect(stored).toEqual([
      expect.objectContaining({ sk: { S: 'ACCOUNT' }, cash: { S: '98466.505' }, lastSeq: { N: String(stream.envelopes.length) } }),
      expect.objectContaining({
        sk: { S: 'POSITION#AAPL' },
        qty: { S: '9' },
        side: { S: 'long' },
        avgEntryPrice: { S: '151.00' },
        costBasis: { S: '1359.00' },
        realizedPnl: { S: '25.50' },
        lastExecutionId: { S: 'x-4' },
        version: { N: '1' },
      }),
      expect.objectContaining({ sk: { S: 'POSITION#MSFT' }, qty: { S: '0.5' }, avgEntryPrice: { S: '399.99' }, costBasis: { S: '199.995' } }),
    ]);
    expect(await new PositionsProgress(client, table.TableName).lastAppliedSeq(stream.accountId)).toBe(stream.envelopes.length);
    expect(parked).toEqual([]);
    // the account is read, each position once, then everything goes in one transaction
    expect(commands).toEqual(['GetItemCommand', 'GetItemCommand', 'GetItemCommand', 'TransactWriteItemsCommand']);
  });

  it('given fills of more positions than one transaction holds, then they go in several writes, each position right', async () => {
    const stream = new AccountStream(uniqueName('acc'));
    stream.open('1000000');
    const symbols = Array.from({ length: 120 }, (_, index) => `S${String(index).padStart(3, '0')}`);
    symbols.forEach((symbol, index) => {
      stream.place(`o-${index}`, { symbol, qty: '2', limitPrice: '10.00' }, '10.00');
      stream.acknowledge(`o-${index}`);
      stream.fill(`o-${index}`, `x-${index}`, '2', '10.00', true);
    });
    const commands: string[] = [];
    const counted = countingClient(commands);

    await new PositionsStore(counted, table.TableName, clock).apply(batchOf(recordsOf(stream.envelopes)), deadLetter);
    counted.destroy();

    expect(commands.filter((name) => name === 'TransactWriteItemsCommand')).toHaveLength(2);
    const stored = (await items(stream.accountId)) ?? [];
    expect(stored.filter((item) => item.sk?.S?.startsWith('POSITION#')).map((item) => `${item.sk?.S} ${item.qty?.S}`)).toEqual(symbols.map((symbol) => `POSITION#${symbol} 2`));
    expect(await new PositionsProgress(client, table.TableName).lastAppliedSeq(stream.accountId)).toBe(stream.envelopes.length);
  });

  it('given every event applied twice, in other batch shapes, then the items are those of applying it once', async () => {
    const stream = tradingDay(uniqueName('acc'));
    const store = new PositionsStore(client, table.TableName, clock);
    const records = recordsOf(stream.envelopes);

    await store.apply(batchOf(records.slice(0, 5)), deadLetter);
    await store.apply(batchOf(records.slice(5)), deadLetter);
    const once = await items(stream.accountId);
    await store.apply(batchOf(records), deadLetter);
    for (const record of records) await store.apply(batchOf([record]), deadLetter);

    expect(await items(stream.accountId)).toEqual(once);
  });

  it('given two instances applying the same streams at once, each in order, then no fill is lost or counted twice', async () => {
    const streams = [tradingDay(uniqueName('acc')), tradingDay(uniqueName('acc'))];
    const reference = tradingDay(uniqueName('acc'));
    const records = streams.flatMap((stream) => recordsOf(stream.envelopes));
    const one = new PositionsStore(client, table.TableName, clock);
    const two = new PositionsStore(client, table.TableName, clock);

    await new PositionsStore(client, table.TableName, clock).apply(batchOf(recordsOf(reference.envelopes)), deadLetter);
    const recordByRecord = async () => {
      for (const record of records) await two.apply(batchOf([record]), deadLetter);
    };
    await Promise.all([one.apply(batchOf(records.slice(0, 9)), deadLetter).then(() => one.apply(batchOf(records.slice(9)), deadLetter)), recordByRecord()]);

    const expected = (await items(reference.accountId))?.map(({ accountId: _, ...rest }) => ({ ...rest, version: undefined }));
    for (const stream of streams) {
      const actual = (await items(stream.accountId))?.map(({ accountId: _, ...rest }) => ({ ...rest, version: undefined }));
      expect(actual).toEqual(expected);
    }
  });

  it('given batches of one account, then its account item and each position are read once, and a writer that moved on meanwhile is caught up with, not overwritten', async () => {
    const stream = tradingDay(uniqueName('acc'));
    const reference = tradingDay(uniqueName('acc'));
    const records = recordsOf(stream.envelopes);
    await new PositionsStore(client, table.TableName, clock).apply(batchOf(recordsOf(reference.envelopes)), deadLetter);
    const reads: string[] = [];
    const counted = createDynamoDbClient({ endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION });
    counted.middlewareStack.add((next, context) => async (args) => {
      if (context.commandName === 'GetItemCommand') reads.push(JSON.stringify((args.input as { Key?: unknown }).Key));
      return next(args);
    });
    const store = new PositionsStore(counted, table.TableName, clock);

    for (const record of records.slice(0, 8)) await store.apply(batchOf([record]), deadLetter);
    const accountReads = reads.filter((key) => key.includes('ACCOUNT')).length;
    // the first eight events fill AAPL twice
    const positionReads = reads.filter((key) => key.includes('POSITION#')).length;
    // another instance applies the rest (a rebalance), then this one is handed all of it again
    await new PositionsStore(client, table.TableName, clock).apply(batchOf(records.slice(8)), deadLetter);
    await store.apply(batchOf(records.slice(6)), deadLetter);
    counted.destroy();

    expect(accountReads).toBe(1);
    expect(positionReads).toBe(1);
    const comparable = async (accountId: string) => (await items(accountId))?.map(({ accountId: _, ...rest }) => ({ ...rest, version: undefined }));
    expect(await comparable(stream.accountId)).toEqual(await comparable(reference.accountId));
  });

  it('given a fill it cannot apply, then it is dead-lettered and the stream moves on', async () => {
    const stream = new AccountStream(uniqueName('acc'));
    stream.open('1000');
    stream.place('o-1', { qty: '1', limitPrice: '100.00' }, '100.00');
    stream.acknowledge('o-1');
    const [fill] = stream.fill('o-1', 'x-1', '1', '100.00', true);
    const broken = { ...fill, payload: { ...fill?.payload, price: 'NaN' } } as AccountEventEnvelope;

    await new PositionsStore(client, table.TableName, clock).apply(batchOf(recordsOf([...stream.envelopes.slice(0, 3), broken])), deadLetter);

    expect(parked.map((record) => record.envelope.seq)).toEqual([4]);
    expect(await new PositionsProgress(client, table.TableName).lastAppliedSeq(stream.accountId)).toBe(4);
    expect((await items(stream.accountId))?.map((item) => item.sk?.S)).toEqual(['ACCOUNT']);
  });
});
