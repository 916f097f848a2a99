import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@trading/config';
import { createDynamoDbClient } from './dynamodb/dynamodb-client.factory';
import { postgresDataSourceOptions } from './postgres/postgres-data-source.options';
import { createS3Client, s3SettingsOf } from './s3/s3-client.factory';

export const DYNAMODB = Symbol('DYNAMODB');
export const S3 = Symbol('S3');

/** The read-model and archive stores. PostgreSQL migrations run at start-up, before serving. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...postgresDataSourceOptions({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE }),
        migrationsRun: true,
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [
    {
      provide: DYNAMODB,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        createDynamoDbClient({ endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION }),
    },
    {
      provide: S3,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        createS3Client(s3SettingsOf(config)),
    },
  ],
  exports: [DYNAMODB, S3],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(
    @Inject(DYNAMODB) private readonly dynamodb: DynamoDBClient,
    @Inject(S3) private readonly s3: S3Client,
  ) {}

  onApplicationShutdown(): void {
    this.dynamodb.destroy();
    this.s3.destroy();
  }
}
