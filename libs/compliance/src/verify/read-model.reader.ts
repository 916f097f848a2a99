import { AttributeValue, DynamoDBClient, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { OrderRowEntity } from '@trading/persistence';
import { ACCOUNT_SK, fromAccountItem, fromPositionItem, toOrder } from '@trading/read-models';
import { DataSource, In } from 'typeorm';
import { ReplayFilter, wantsSymbol } from '../replay/replay-filter';
import { AccountCash, AccountOrder, AccountPosition } from '../replay/state-views';
import { ReadModelRows } from './read-model-diff';

type Item = Record<string, AttributeValue>;

/** Reads the live read models (PostgreSQL orders, DynamoDB positions and cash) in the replay's shapes. */
export class ReadModelReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dynamodb: DynamoDBClient,
    private readonly positionsTable: string,
  ) {}

  async read(filter: Pick<ReplayFilter, 'accountIds' | 'symbols'>): Promise<ReadModelRows> {
    const accountIds = filter.accountIds === null ? null : [...filter.accountIds];
    const rows = await this.dataSource.getRepository(OrderRowEntity).find(accountIds === null ? {} : { where: { accountId: In(accountIds) } });
    const orders: AccountOrder[] = rows
      .filter((row) => wantsSymbol(filter, row.symbol))
      .map((row) => ({ accountId: row.accountId, order: toOrder(row) }));
    const items = accountIds === null ? await this.scan() : (await Promise.all(accountIds.map((id) => this.query(id)))).flat();
    const positions: AccountPosition[] = [];
    const cash: AccountCash[] = [];
    for (const item of items) {
      const accountId = item.accountId?.S ?? '';
      if (item.sk?.S === ACCOUNT_SK) {
        cash.push({ accountId, cash: fromAccountItem(accountId, item).cash });
        continue;
      }
      const stored = fromPositionItem(item);
      if (wantsSymbol(filter, stored.symbol)) positions.push({ accountId, symbol: stored.symbol, position: stored.position });
    }
    return { orders, positions, cash };
  }

  private async scan(): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const page = await this.dynamodb.send(new ScanCommand({ TableName: this.positionsTable, ConsistentRead: true, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  private async query(accountId: string): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const page = await this.dynamodb.send(
        new QueryCommand({
          TableName: this.positionsTable,
          KeyConditionExpression: 'accountId = :account',
          ExpressionAttributeValues: { ':account': { S: accountId } },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }
}
