import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  GetItemCommand,
  UpdateItemCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { testConfig, uniqueName } from '@trading/testing';
import { createDynamoDbClient } from './dynamodb-client.factory';

/**
 * The pattern the position projector stands on: apply a fill only if its sequence number is newer
 * than the item's, so a redelivered fill changes nothing.
 */
describe('DynamoDB conditional UpdateItem (DynamoDB Local)', () => {
  const config = testConfig();
  const table = uniqueName('it-positions');
  let client: DynamoDBClient;

  beforeAll(async () => {
    client = createDynamoDbClient({ endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION });
    await client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'accountId', AttributeType: 'S' },
          { AttributeName: 'symbol', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'accountId', KeyType: 'HASH' },
          { AttributeName: 'symbol', KeyType: 'RANGE' },
        ],
      }),
    );
    await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: table });
  });

  afterAll(async () => {
    await client.send(new DeleteTableCommand({ TableName: table }));
    client.destroy();
  });

  const applyFill = (seq: number, qty: number) =>
    client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { accountId: { S: 'acc-1' }, symbol: { S: 'AAPL' } },
        UpdateExpression: 'ADD qty :qty SET lastSeq = :seq',
        ConditionExpression: 'attribute_not_exists(lastSeq) OR lastSeq < :seq',
        ExpressionAttributeValues: { ':qty': { N: String(qty) }, ':seq': { N: String(seq) } },
      }),
    );

  const position = async () =>
    (await client.send(new GetItemCommand({ TableName: table, Key: { accountId: { S: 'acc-1' }, symbol: { S: 'AAPL' } }, ConsistentRead: true }))).Item;

  it('applies each fill once: a redelivery is refused by the condition', async () => {
    await applyFill(1, 10);
    await applyFill(2, 5);

    await expect(applyFill(2, 5)).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    await expect(applyFill(1, 10)).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    expect(await position()).toEqual({
      accountId: { S: 'acc-1' },
      symbol: { S: 'AAPL' },
      qty: { N: '15' },
      lastSeq: { N: '2' },
    });
  });
});
