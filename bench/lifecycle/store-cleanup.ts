import { DeleteTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ArchiveStore } from '@trading/archive';
import { createDynamoDbClient } from '@trading/persistence';
import { createRedisClient } from '@trading/redis';

/**
 * Deletes every object under `prefix/` of the bucket (the run's archive), one DeleteObject each
 * (S3Proxy refuses the multi-object delete without a Content-MD5). Returns how many.
 */
export async function deleteArchive(s3: S3Client, bucket: string, prefix: string): Promise<number> {
  const keys = await new ArchiveStore(s3, bucket).list(`${prefix}/`);
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < keys.length) {
        const Key = keys[next] as string;
        next += 1;
        await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key }));
      }
    }),
  );
  return keys.length;
}

/** Drops the run's own DynamoDB table. */
export async function deleteDynamoTable(settings: { endpoint: string; region: string }, tableName: string): Promise<void> {
  const client = createDynamoDbClient(settings);
  try {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  } finally {
    client.destroy();
  }
}

/** Deletes every Redis key starting with the run's prefix (the trade-update streams). Returns how many. */
export async function deleteRedisKeys(url: string, prefix: string): Promise<number> {
  const redis = createRedisClient(url, 'bench-cleanup');
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
