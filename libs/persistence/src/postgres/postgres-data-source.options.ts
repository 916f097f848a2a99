import { DataSourceOptions } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity';
import { CreateProjectionCheckpoints1763780000000 } from './migrations/1763780000000-create-projection-checkpoints';
import { CreateApiKeys1795315700000 } from './migrations/1795315700000-create-api-keys';
import { CreateOrderReadModel1796000000000 } from './migrations/1796000000000-create-order-read-model';
import { CreateReadModelPointers1797000000000 } from './migrations/1797000000000-create-read-model-pointers';
import { OrderEventRowEntity } from './order-event-row.entity';
import { OrderFillRowEntity } from './order-fill-row.entity';
import { OrderRowEntity } from './order-row.entity';
import { ProjectionCheckpointEntity } from './projection-checkpoint.entity';
import { ProjectionStreamEntity } from './projection-stream.entity';

export const POSTGRES_ENTITIES = [
  ProjectionCheckpointEntity,
  ApiKeyEntity,
  ProjectionStreamEntity,
  OrderRowEntity,
  OrderFillRowEntity,
  OrderEventRowEntity,
];
export const POSTGRES_MIGRATIONS = [
  CreateProjectionCheckpoints1763780000000,
  CreateApiKeys1795315700000,
  CreateOrderReadModel1796000000000,
  CreateReadModelPointers1797000000000,
];

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
