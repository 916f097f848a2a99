import {
  CreateTableCommand,
  CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';

export type DynamoTableDefinition = CreateTableCommandInput & { readonly TableName: string };

/**
 * Creates a table unless it exists, then waits until it is ACTIVE. Safe to run from every
 * process at start-up: a concurrent creator's table is accepted as ours.
 */
export async function ensureDynamoTable(
  client: DynamoDBClient,
  definition: DynamoTableDefinition,
  maxWaitSeconds = 60,
): Promise<'created' | 'existed'> {
  if (await tableExists(client, definition.TableName)) {
    await waitUntilTableExists({ client, maxWaitTime: maxWaitSeconds }, { TableName: definition.TableName });
    return 'existed';
  }
  let outcome: 'created' | 'existed' = 'created';
  try {
    await client.send(new CreateTableCommand(definition));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    outcome = 'existed';
  }
  await waitUntilTableExists({ client, maxWaitTime: maxWaitSeconds }, { TableName: definition.TableName });
  return outcome;
}

async function tableExists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}
