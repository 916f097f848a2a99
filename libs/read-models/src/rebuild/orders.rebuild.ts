import { Logger } from '@nestjs/common';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { ORDERS_SWITCH_LOCK } from '../orders/orders-switch.lock';
import { OrdersStore } from '../orders/orders.store';
import { sleep } from '../runtime/backoff';
import { Projector } from '../runtime/projector';
import { cloneTables, ORDERS_TABLES, PROGRESS_TABLES, qualified } from './orders-tables.clone';
import { RebuildDependencies, RebuildReport, RebuildSettings, rebuildGroupId, waitFor } from './rebuild.dependencies';
import { SkippedDeadLetters } from './skipped-dead-letters';

const PROJECTION = 'orders';

export interface OrdersRebuildSettings extends RebuildSettings {
  /** Longest the switch holds the live projector back waiting for the rebuild's last batches (default 5 s). */
  readonly switchWaitMs?: number;
  readonly switchAttempts?: number;
}

/**
 * Rebuilds the orders read model from the log into fresh tables in schema `rebuild_orders_<label>`
 * with the live store's own code (its connections' search_path points there), then switches over
 * in one transaction: holding the switch lock exclusively (no live batch in between), it waits
 * until the rebuild has every partition at least as far as the live checkpoint, moves the live
 * tables to schema `orders_old_<label>` and the rebuilt ones in their place, and swaps the orders
 * rows of the shared progress tables. Reads never stop: until the commit they see the old tables,
 * after it the new ones.
 */
export class OrdersRebuild {
  private readonly logger = new Logger(OrdersRebuild.name);

  constructor(
    private readonly deps: RebuildDependencies,
    private readonly settings: OrdersRebuildSettings,
  ) {}

  async run(): Promise<RebuildReport> {
    const { label } = this.settings;
    const pollMs = this.settings.pollMs ?? 200;
    const live = await currentSchema(this.deps.dataSource);
    const schema = `rebuild_orders_${label}`;
    const previous = `orders_old_${label}`;
    await this.deps.dataSource.transaction((manager) => cloneTables(manager, live, schema, [...ORDERS_TABLES, ...PROGRESS_TABLES]));

    const rebuildSource = await new DataSource({
      ...this.deps.dataSource.options,
      migrationsRun: false,
      extra: { ...(this.deps.dataSource.options.extra as object | undefined), max: 3, options: `-c search_path=${schema}` },
    }).initialize();
    const groupId = rebuildGroupId(this.deps, PROJECTION, label);
    const deadLetters = new SkippedDeadLetters(this.deps.clock);
    const projector = new Projector(
      this.deps.kafka,
      this.deps.registry,
      deadLetters,
      this.deps.producer,
      new OrdersStore(rebuildSource, this.deps.clock, PROJECTION, false),
      { groupId, topic: this.deps.topic, maxBatchSize: this.settings.maxBatchSize },
    );
    try {
      await projector.start();
      let switched = false;
      for (let attempt = 1; !switched; attempt++) {
        await waitFor('the live checkpoint', () => this.caughtUp(this.deps.dataSource.manager, live, schema), pollMs, this.settings.catchUpTimeoutMs ?? 3_600_000);
        switched = await this.trySwitch(projector, live, schema, previous, pollMs);
        if (!switched && attempt >= (this.settings.switchAttempts ?? 10)) throw new Error(`rebuild: orders switch gave up after ${attempt} attempts`);
      }
      this.logger.log(`orders read model switched to the rebuilt tables; the replaced ones are in schema ${previous}`);
    } finally {
      await projector.stop();
      await rebuildSource.destroy();
    }
    await deleteGroup(this.deps, groupId);
    return { projection: PROJECTION, active: live, previous, deadLettersSkipped: deadLetters.skipped };
  }

  /** False (rolled back, the live projector free again) when the rebuild did not catch up in time. */
  private async trySwitch(projector: Projector, live: string, schema: string, previous: string, pollMs: number): Promise<boolean> {
    const runner = this.deps.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query('SELECT pg_advisory_xact_lock($1)', [ORDERS_SWITCH_LOCK]);
      const deadline = Date.now() + (this.settings.switchWaitMs ?? 5_000);
      while (!(await this.caughtUp(runner.manager, live, schema))) {
        if (Date.now() > deadline) {
          await runner.rollbackTransaction();
          return false;
        }
        await sleep(pollMs);
      }
      // its batches in flight end first; ahead of the live checkpoint is fine, the live projector
      // re-applies those records as redeliveries
      await projector.stop();
      await swap(runner, live, schema, previous);
      await runner.commitTransaction();
      return true;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** Every partition the live projection has a checkpoint for is at least as far in the rebuild. */
  private async caughtUp(manager: EntityManager, live: string, schema: string): Promise<boolean> {
    const behind = await manager.query<unknown[]>(
      `SELECT l.partition FROM ${qualified(live, 'projection_checkpoints')} l
       LEFT JOIN ${qualified(schema, 'projection_checkpoints')} r ON r.projection = l.projection AND r.topic = l.topic AND r.partition = l.partition
       WHERE l.projection = $1 AND l.topic = $2 AND COALESCE(r.next_offset, 0) < l.next_offset`,
      [PROJECTION, this.deps.topic],
    );
    return behind.length === 0;
  }
}

async function swap(runner: QueryRunner, live: string, schema: string, previous: string): Promise<void> {
  await runner.query(`CREATE SCHEMA "${previous}"`);
  for (const table of ORDERS_TABLES) {
    await runner.query(`ALTER TABLE ${qualified(live, table)} SET SCHEMA "${previous}"`);
    await runner.query(`ALTER TABLE ${qualified(schema, table)} SET SCHEMA "${live}"`);
  }
  for (const table of PROGRESS_TABLES) {
    // a utility statement takes no parameters; the projection name is our own constant
    await runner.query(`CREATE TABLE ${qualified(previous, table)} AS SELECT * FROM ${qualified(live, table)} WHERE projection = '${PROJECTION}'`);
    await runner.query(`DELETE FROM ${qualified(live, table)} WHERE projection = $1`, [PROJECTION]);
    await runner.query(`INSERT INTO ${qualified(live, table)} SELECT * FROM ${qualified(schema, table)} WHERE projection = $1`, [PROJECTION]);
  }
  await runner.query(`DROP SCHEMA "${schema}" CASCADE`);
}

async function currentSchema(dataSource: DataSource): Promise<string> {
  const [row] = await dataSource.query<{ schema: string }[]>('SELECT current_schema() AS schema');
  if (!row) throw new Error('rebuild: no current schema');
  return row.schema;
}

/** The rebuild's consumer group has no use once switched; a leftover is harmless. */
export async function deleteGroup(deps: RebuildDependencies, groupId: string): Promise<void> {
  const admin = deps.kafka.admin();
  await admin.connect();
  try {
    await admin.deleteGroups([groupId]);
  } catch {
    // members still leaving: the group expires on its own
  } finally {
    await admin.disconnect();
  }
}
