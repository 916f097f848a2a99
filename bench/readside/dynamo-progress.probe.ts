import { BatchGetItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient } from '@trading/persistence';
import { ACCOUNT_SK } from '@trading/read-models';
import { ProgressProbe } from './progress-probe';

const BATCH = 100; // BatchGetItem's limit

/**
 * The positions projection's progress per account: `lastSeq` of the account's `ACCOUNT` item in
 * the run's positions table, read with strongly consistent BatchGetItem.
 */
export class DynamoProgressProbe implements ProgressProbe {
  readonly store = 'dynamodb';
  private readonly client: DynamoDBClient;

  constructor(
    settings: { endpoint: string; region: string },
    private readonly tableName: string,
  ) {
    this.client = createDynamoDbClient(settings);
  }

  async lastSeqs(accountIds: readonly string[]): Promise<ReadonlyMap<string, number>> {
    const found = new Map<string, number>();
    for (let from = 0; from < accountIds.length; from += BATCH) {
      const keys = accountIds.slice(from, from + BATCH).map((accountId) => ({ accountId: { S: accountId }, sk: { S: ACCOUNT_SK } }));
      const answer = await this.client.send(new BatchGetItemCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'accountId, lastSeq' } } }));
      for (const item of answer.Responses?.[this.tableName] ?? []) {
        const accountId = item.accountId?.S;
        if (accountId !== undefined) found.set(accountId, Number(item.lastSeq?.N ?? '0'));
      }
      // unprocessed keys are simply read again at the next poll
    }
    return found;
  }

  close(): Promise<void> {
    this.client.destroy();
    return Promise.resolve();
  }
}
