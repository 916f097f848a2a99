import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ACCOUNT_SK, fromAccountItem, StoredAccount } from './position.item';
import { TableNameSource, tableNameSource } from './positions-table.source';

/** How far the positions projection has got in an account's stream, and the account's cash. */
export class PositionsProgress {
  private readonly table: TableNameSource;

  constructor(
    private readonly client: DynamoDBClient,
    table: string | TableNameSource,
  ) {
    this.table = tableNameSource(table);
  }

  /** The last seq of the account's stream applied to the positions table; 0 when none. */
  async lastAppliedSeq(accountId: string): Promise<number> {
    return (await this.account(accountId)).lastSeq;
  }

  async account(accountId: string): Promise<StoredAccount> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: await this.table.current(), Key: { accountId: { S: accountId }, sk: { S: ACCOUNT_SK } }, ConsistentRead: true }),
    );
    return fromAccountItem(accountId, Item);
  }
}
