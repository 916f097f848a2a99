import { DataSourceOptions } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity';
import { CreateProjectionCheckpoints1763780000000 } from './migrations/1763780000000-create-projection-checkpoints';
import { CreateApiKeys1795315700000 } from './migrations/1795315700000-create-api-keys';
import { ProjectionCheckpointEntity } from './projection-checkpoint.entity';

export const POSTGRES_ENTITIES = [ProjectionCheckpointEntity, ApiKeyEntity];
export const POSTGRES_MIGRATIONS = [CreateProjectionCheckpoints1763780000000, CreateApiKeys1795315700000];

/** The schema is owned by migrations, never by `synchronize`. */
export function postgresDataSourceOptions(settings: {
  url: string;
  poolSize: number;
}): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: POSTGRES_ENTITIES,
    migrations: POSTGRES_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: settings.poolSize },
  };
}
