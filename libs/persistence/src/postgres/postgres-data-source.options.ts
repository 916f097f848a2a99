import { DataSourceOptions } from 'typeorm';
import { CreateProjectionCheckpoints1763780000000 } from './migrations/1763780000000-create-projection-checkpoints';
import { ProjectionCheckpointEntity } from './projection-checkpoint.entity';

export const POSTGRES_ENTITIES = [ProjectionCheckpointEntity];
export const POSTGRES_MIGRATIONS = [CreateProjectionCheckpoints1763780000000];

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
