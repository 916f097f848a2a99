import { DataSource, QueryFailedError } from 'typeorm';
import { TableNameSource } from '../positions/positions-table.source';

/** How long a process keeps using the target it last read; a switch waits this out (and more). */
export const POINTER_TTL_MS = 2_000;

/**
 * The physical store a read model currently lives in, from the `read_model_pointers` row named
 * `name` (the fallback when there is none), cached `ttlMs`: a switch is seen by every process
 * within that time.
 */
export class ReadModelPointer implements TableNameSource {
  private cached: { readonly target: string; readonly until: number } | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly name: string,
    private readonly fallback: string,
    private readonly ttlMs = POINTER_TTL_MS,
  ) {}

  async current(): Promise<string> {
    const now = Date.now();
    if (this.cached && now < this.cached.until) return this.cached.target;
    const target = await this.read();
    this.cached = { target, until: now + this.ttlMs };
    return target;
  }

  private async read(): Promise<string> {
    try {
      const rows = await this.dataSource.query<{ target: string }[]>('SELECT target FROM read_model_pointers WHERE name = $1', [this.name]);
      return rows[0]?.target ?? this.fallback;
    } catch (error) {
      // 42P01: a database not yet migrated has no pointers, hence no switch
      if (error instanceof QueryFailedError && (error.driverError as { code?: unknown }).code === '42P01') return this.fallback;
      throw error;
    }
  }
}

/** Points `name` at `target` from now on (for the processes reading it, within their TTL). */
export async function switchPointer(dataSource: DataSource, name: string, target: string): Promise<void> {
  await dataSource.query(
    `INSERT INTO read_model_pointers (name, target, switched_at) VALUES ($1, $2, now())
     ON CONFLICT (name) DO UPDATE SET target = EXCLUDED.target, switched_at = EXCLUDED.switched_at`,
    [name, target],
  );
}
