import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ACCOUNT_SK, fromAccountItem, StoredAccount } from './position.item';

/** How far the positions projection has got in an account's stream, and the account's cash. */
export class PositionsProgress {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** The last seq of the account's stream applied to the positions table; 0 when none. */
  async lastAppliedSeq(accountId: string): Promise<number> {
    return (await this.account(accountId)).lastSeq;
  }

  async account(accountId: string): Promise<StoredAccount> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: { accountId: { S: accountId }, sk: { S: ACCOUNT_SK } }, ConsistentRead: true }),
    );
    return fromAccountItem(accountId, Item);
  }
}
