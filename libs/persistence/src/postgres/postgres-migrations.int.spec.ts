import { testConfig, uniqueName } from '@trading/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { postgresDataSourceOptions } from './postgres-data-source.options';
import { ProjectionCheckpointEntity } from './projection-checkpoint.entity';

/** Each run gets a database of its own on the real server, dropped afterwards. */
describe('PostgreSQL schema through TypeORM migrations (real server)', () => {
  const config = testConfig();
  const database = uniqueName('it_pg').replace(/-/g, '_');
  const serverUrl = new URL(config.DATABASE_URL);
  const databaseUrl = Object.assign(new URL(config.DATABASE_URL), { pathname: `/${database}` }).toString();
  let admin: Client;
  let dataSource: DataSource;

  beforeAll(async () => {
    admin = new Client({ connectionString: Object.assign(serverUrl, { pathname: '/postgres' }).toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    dataSource = await new DataSource(postgresDataSourceOptions({ url: databaseUrl, poolSize: 2 })).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.end();
  });

  it('migrates an empty database, and a second run has nothing to do', async () => {
    const applied = await dataSource.runMigrations();
    const again = await dataSource.runMigrations();

    expect(applied.map((m) => m.name)).toEqual([
      'CreateProjectionCheckpoints1763780000000',
      'CreateApiKeys1795315700000',
      'CreateOrderReadModel1796000000000',
      'CreateReadModelPointers1797000000000',
    ]);
    expect(again).toEqual([]);
  });

  it('round-trips a checkpoint, bigint offsets intact', async () => {
    const repository = dataSource.getRepository(ProjectionCheckpointEntity);
    const updatedAt = new Date('2026-11-22T10:00:00.123Z');

    await repository.save({ projection: 'orders', topic: 'trading.order-events', partition: 3, nextOffset: '9007199254740993', updatedAt });
    const loaded = await repository.findOneByOrFail({ projection: 'orders', topic: 'trading.order-events', partition: 3 });

    expect(loaded).toEqual({ projection: 'orders', topic: 'trading.order-events', partition: 3, nextOffset: '9007199254740993', updatedAt });
  });

  it('enforces the constraints the migration declares', async () => {
    const repository = dataSource.getRepository(ProjectionCheckpointEntity);

    await expect(
      repository.insert({ projection: 'orders', topic: 't', partition: -1, nextOffset: '0', updatedAt: new Date() }),
    ).rejects.toThrow(/check constraint/);
  });

  it('reverts cleanly, newest first', async () => {
    await dataSource.undoLastMigration(); // read_model_pointers
    await dataSource.undoLastMigration(); // the order read model
    await dataSource.undoLastMigration(); // api_keys
    await dataSource.undoLastMigration();

    const tables = await dataSource.query<{ count: string }[]>(
      "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('projection_checkpoints', 'orders', 'order_fills', 'order_events', 'projection_streams', 'read_model_pointers')",
    );
    expect(tables[0]?.count).toBe('0');
  });
});
