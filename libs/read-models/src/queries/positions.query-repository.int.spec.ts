import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Clock } from '@trading/domain';
import { createDynamoDbClient, ensureDynamoTable, positionsTableDefinition } from '@trading/persistence';
import { testConfig, uniqueName } from '@trading/testing';
import { PositionsStore } from '../positions/positions.store';
import { AccountStream } from '../testing/account-stream.fixture';
import { batchOf, recordsOf } from '../testing/stream-records';
import { PositionsQueryRepository } from './positions.query-repository';

const clock: Clock = { now: () => new Date('2026-03-02T16:00:00.000Z') };

/** AAPL bought 10 @ 150 and 5 @ 153; MSFT bought 0.5 and sold again (flat). */
function account(accountId: string): AccountStream {
  const stream = new AccountStream(accountId);
  stream.open('100000');
  stream.place('o-1', { qty: '10', limitPrice: '150.00' });
  stream.acknowledge('o-1');
  stream.fill('o-1', 'x-1', '10', '150.00', true);
  stream.place('o-2', { qty: '5', limitPrice: '153.00' });
  stream.acknowledge('o-2');
  stream.fill('o-2', 'x-2', '5', '153.00', true);
  stream.place('o-3', { symbol: 'MSFT', qty: '0.5', limitPrice: '400.00' }, '400.00');
  stream.acknowledge('o-3');
  stream.fill('o-3', 'x-3', '0.5', '399.99', true);
  stream.place('o-4', { symbol: 'MSFT', side: 'sell', qty: '0.5', limitPrice: '401.00' }, '401.00');
  stream.acknowledge('o-4');
  stream.fill('o-4', 'x-4', '0.5', '401.00', true);
  return stream;
}

describe('PositionsQueryRepository (DynamoDB Local)', () => {
  const config = testConfig();
  const table = positionsTableDefinition(uniqueName('it-queries-'));
  let client: DynamoDBClient;
  let positions: PositionsQueryRepository;
  let trader: AccountStream;
  let other: AccountStream;

  beforeAll(async () => {
    client = createDynamoDbClient({ endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION });
    await ensureDynamoTable(client, table);
    trader = account(uniqueName('acc'));
    other = new AccountStream(uniqueName('acc'));
    other.open('500');
    await new PositionsStore(client, table.TableName, clock).apply(batchOf(recordsOf([...trader.envelopes, ...other.envelopes])), async () => undefined);
    positions = new PositionsQueryRepository(client, table.TableName);
  });

  afterAll(async () => {
    await client.send(new DeleteTableCommand({ TableName: table.TableName }));
    client.destroy();
  });

  it('given fills, then the open positions are listed with exact strings and the flat one is left out', async () => {
    const open = await positions.openPositions(trader.accountId);

    expect(open).toEqual([
      expect.objectContaining({
        accountId: trader.accountId,
        symbol: 'AAPL',
        position: { qty: '15', avgEntryPrice: '151.00', costBasis: '2265.00', realizedPnl: '0.00' },
      }),
    ]);
  });

  it('given a symbol, then its open position; a flat or never-held symbol has none', async () => {
    expect((await positions.openPosition(trader.accountId, 'AAPL'))?.position.qty).toBe('15');
    expect(await positions.openPosition(trader.accountId, 'MSFT')).toBeNull();
    expect(await positions.openPosition(trader.accountId, 'TSLA')).toBeNull();
  });

  it('given the account item, then cash is the OMS\'s after every fill and the progress is the last seq', async () => {
    const book = trader.state();
    if (book.status !== 'open') throw new Error('fixture account is not open');

    expect(await positions.account(trader.accountId)).toMatchObject({ cash: book.cash, lastSeq: trader.envelopes.length });
  });

  it('given another account, then it sees none of these positions, and an unknown account has no item', async () => {
    expect(await positions.openPositions(other.accountId)).toEqual([]);
    expect(await positions.openPosition(other.accountId, 'AAPL')).toBeNull();
    expect(await positions.account(other.accountId)).toMatchObject({ cash: '500.00' });
    expect(await positions.account(uniqueName('nobody'))).toBeNull();
  });
});
