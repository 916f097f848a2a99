import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { isLoopbackUrl } from '../loopback';

/**
 * DynamoDB Local accepts any credentials but the SDK insists on some; against AWS the default
 * provider chain (environment, profile, IAM role) applies.
 */
export function createDynamoDbClient(settings: { endpoint: string; region: string }): DynamoDBClient {
  const local = isLoopbackUrl(settings.endpoint);
  return new DynamoDBClient({
    endpoint: settings.endpoint,
    region: settings.region,
    ...(local ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
}
