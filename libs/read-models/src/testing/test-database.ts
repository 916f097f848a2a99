import { postgresDataSourceOptions } from '@trading/persistence';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

export interface TestDatabase {
  readonly dataSource: DataSource;
  readonly url: string;
  drop(): Promise<void>;
}

/** A database of its own on the real server, migrated; dropped afterwards. */
export async function createTestDatabase(serverUrl: string, name: string): Promise<TestDatabase> {
  const database = name.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
  const admin = new Client({ connectionString: Object.assign(new URL(serverUrl), { pathname: '/postgres' }).toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();
  const dataSource = await new DataSource({ ...postgresDataSourceOptions({ url, poolSize: 4 }), migrationsRun: true }).initialize();
  return {
    dataSource,
    url,
    drop: async () => {
      await dataSource.destroy();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Every row of the orders read model, in a fixed order: what "the same rows" compares. */
export async function orderTables(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  return {
    orders: await dataSource.query('SELECT * FROM orders ORDER BY order_id'),
    fills: await dataSource.query('SELECT * FROM order_fills ORDER BY execution_id'),
    timeline: await dataSource.query('SELECT * FROM order_events ORDER BY order_id, stream_id, seq'),
    streams: await dataSource.query("SELECT stream_id, account_id, last_seq FROM projection_streams WHERE projection = 'orders' ORDER BY stream_id"),
  };
}
