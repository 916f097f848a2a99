export * from './dynamodb/dynamodb-client.factory';
export * from './persistence.module';
export * from './postgres/api-key.entity';
export * from './postgres/postgres-data-source.options';
export * from './postgres/projection-checkpoint.entity';
export * from './s3/s3-client.factory';
