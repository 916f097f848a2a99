import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import Redis from 'ioredis';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';

export type Probe = () => Promise<void>;

export const probeKafka = (kafka: Kafka): Probe => async () => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
};

export const probePostgres = (dataSource: DataSource): Probe => async () => {
  await dataSource.query('SELECT 1');
};

export const probeRedis = (redis: Redis): Probe => async () => {
  const reply = await redis.ping();
  if (reply !== 'PONG') throw new Error(`unexpected PING reply ${String(reply)}`);
};

export const probeDynamoDb = (client: DynamoDBClient): Probe => async () => {
  await client.send(new ListTablesCommand({ Limit: 1 }));
};

export const probeS3 = (client: S3Client, bucket: string): Probe => async () => {
  await client.send(new HeadBucketCommand({ Bucket: bucket }));
};
