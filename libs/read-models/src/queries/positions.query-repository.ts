import { AttributeValue, DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { ACCOUNT_SK, fromAccountItem, fromPositionItem, positionSk, StoredAccount, StoredPosition } from '../positions/position.item';
import { positionSide } from '../positions/position';
import { TableNameSource, tableNameSource } from '../positions/positions-table.source';

/**
 * Position and cash reads from the positions read model in DynamoDB: one partition per account,
 * so every read is a key lookup or a query within the authenticated account's partition. Reads
 * are strongly consistent, so a read that waited for the projection's progress sees its writes.
 */
export class PositionsQueryRepository {
  private readonly table: TableNameSource;

  constructor(
    private readonly client: DynamoDBClient,
    table: string | TableNameSource,
  ) {
    this.table = tableNameSource(table);
  }

  /** The account item (cash, progress); null when the projection has not seen the account open. */
  async account(accountId: string): Promise<StoredAccount | null> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: await this.table.current(), Key: this.key(accountId, ACCOUNT_SK), ConsistentRead: true }),
    );
    return Item ? fromAccountItem(accountId, Item) : null;
  }

  /** Open (non-flat) positions, by symbol. */
  async openPositions(accountId: string): Promise<StoredPosition[]> {
    const positions: StoredPosition[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    // every page from the same table, even if a rebuild switches it meanwhile
    const table = await this.table.current();
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'accountId = :account AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':account': { S: accountId }, ':prefix': { S: positionSk('') } },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      positions.push(...(page.Items ?? []).map(fromPositionItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return positions.filter((stored) => positionSide(stored.position) !== 'flat');
  }

  /** The open position in one symbol, or null when flat or never held. */
  async openPosition(accountId: string, symbol: string): Promise<StoredPosition | null> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: await this.table.current(), Key: this.key(accountId, positionSk(symbol)), ConsistentRead: true }),
    );
    const stored = Item ? fromPositionItem(Item) : null;
    return stored && positionSide(stored.position) !== 'flat' ? stored : null;
  }

  private key(accountId: string, sk: string): Record<string, AttributeValue> {
    return { accountId: { S: accountId }, sk: { S: sk } };
  }
}
