/** Where the positions read model lives now: fixed, or followed through a pointer after a rebuild. */
export interface TableNameSource {
  current(): Promise<string>;
}

/** A plain name stays that name; a source is asked on every use (it caches on its own). */
export function tableNameSource(table: string | TableNameSource): TableNameSource {
  return typeof table === 'string' ? { current: () => Promise.resolve(table) } : table;
}
