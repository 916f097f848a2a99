import { EntityManager } from 'typeorm';

/** The orders read model's own tables: swapped whole at the switch. */
export const ORDERS_TABLES = ['orders', 'order_fills', 'order_events'] as const;
/** Shared with other projections (rows keyed by projection): only the orders rows are swapped. */
export const PROGRESS_TABLES = ['projection_streams', 'projection_checkpoints'] as const;

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
export const qualified = (schema: string, table: string): string => `${ident(schema)}.${ident(table)}`;

/**
 * Empty copies of the live tables in `schema`: columns, defaults, checks, keys and indexes, the
 * indexes renamed to the live names (unique per schema), so the tables that take over after the
 * switch look exactly as the migrations made them.
 */
export async function cloneTables(manager: EntityManager, live: string, schema: string, tables: readonly string[]): Promise<void> {
  await manager.query(`CREATE SCHEMA ${ident(schema)}`);
  for (const table of tables) {
    await manager.query(`CREATE TABLE ${qualified(schema, table)} (LIKE ${qualified(live, table)} INCLUDING ALL)`);
    const liveNames = new Map((await indexesOf(manager, live, table)).map((index) => [index.shape, index.name]));
    for (const copy of await indexesOf(manager, schema, table)) {
      const name = liveNames.get(copy.shape);
      if (name !== undefined && name !== copy.name) await manager.query(`ALTER INDEX ${qualified(schema, copy.name)} RENAME TO ${ident(name)}`);
    }
  }
}

/** Each index of the table with its definition minus its name and schema, to pair copies with originals. */
async function indexesOf(manager: EntityManager, schema: string, table: string): Promise<{ name: string; shape: string }[]> {
  const rows = await manager.query<{ indexname: string; indexdef: string }[]>(
    'SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = $2',
    [schema, table],
  );
  return rows.map((row) => ({ name: row.indexname, shape: row.indexdef.replace(/^(CREATE (?:UNIQUE )?INDEX )\S+ ON \S+ /, '$1ON ') }));
}
