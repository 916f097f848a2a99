import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@nestjs/common';
import { ensureDynamoTable, positionsTableDefinition } from '@trading/persistence';
import { PositionsStore } from '../positions/positions.store';
import { sleep } from '../runtime/backoff';
import { Projector } from '../runtime/projector';
import { deleteGroup } from './orders.rebuild';
import { POINTER_TTL_MS, ReadModelPointer, switchPointer } from './read-model.pointer';
import { liveGroupId, RebuildDependencies, RebuildReport, RebuildSettings, rebuildGroupId, waitFor } from './rebuild.dependencies';
import { SkippedDeadLetters } from './skipped-dead-letters';

const PROJECTION = 'positions';

export interface PositionsRebuildDependencies extends RebuildDependencies {
  readonly dynamodb: DynamoDBClient;
  /** `DYNAMODB_TABLE_PREFIX`. */
  readonly tablePrefix: string;
}

/**
 * Rebuilds the positions read model from the log into a fresh table `<prefix>positions-<label>`
 * with the live store's own code, and once its consumer group is as far as the live one, points
 * `read_model_pointers.positions` at it (the old table stays). Every process follows the pointer
 * within its TTL; meanwhile the live projector may still write to the old table, so the rebuild
 * goes on until it has passed where the live group stood once they all follow: whatever reached
 * the old table late is in the new one too (both writers are idempotent by seq).
 */
export class PositionsRebuild {
  private readonly logger = new Logger(PositionsRebuild.name);

  constructor(
    private readonly deps: PositionsRebuildDependencies,
    private readonly settings: RebuildSettings & { readonly pointerTtlMs?: number },
  ) {}

  async run(): Promise<RebuildReport> {
    const { label } = this.settings;
    const pollMs = this.settings.pollMs ?? 200;
    const timeoutMs = this.settings.catchUpTimeoutMs ?? 3_600_000;
    const definition = positionsTableDefinition(this.deps.tablePrefix);
    const previous = await new ReadModelPointer(this.deps.dataSource, PROJECTION, definition.TableName, 0).current();
    const target = `${definition.TableName}-${label}`;
    await ensureDynamoTable(this.deps.dynamodb, { ...definition, TableName: target });

    const groupId = rebuildGroupId(this.deps, PROJECTION, label);
    const deadLetters = new SkippedDeadLetters(this.deps.clock);
    const projector = new Projector(
      this.deps.kafka,
      this.deps.registry,
      deadLetters,
      this.deps.producer,
      new PositionsStore(this.deps.dynamodb, target, this.deps.clock),
      { groupId, topic: this.deps.topic, maxBatchSize: this.settings.maxBatchSize },
    );
    const admin = this.deps.kafka.admin();
    await admin.connect();
    try {
      await projector.start();
      const live = liveGroupId(this.deps, PROJECTION);
      const caughtUp = async () => {
        const [ours, theirs] = await Promise.all([this.offsets(admin, groupId), this.offsets(admin, live)]);
        return [...theirs].every(([partition, offset]) => (ours.get(partition) ?? 0n) >= offset);
      };
      await waitFor('the live consumer group', caughtUp, pollMs, timeoutMs);
      await switchPointer(this.deps.dataSource, PROJECTION, target);
      await sleep(2 * (this.settings.pointerTtlMs ?? POINTER_TTL_MS));
      await waitFor('the live consumer group after the switch', caughtUp, pollMs, timeoutMs);
      this.logger.log(`positions read model switched to ${target}; ${previous} is kept`);
    } finally {
      await projector.stop();
      await admin.disconnect();
    }
    await deleteGroup(this.deps, groupId);
    return { projection: PROJECTION, active: target, previous, deadLettersSkipped: deadLetters.skipped };
  }

  /** A group's committed offsets by partition (none yet: 0). */
  private async offsets(admin: ReturnType<RebuildDependencies['kafka']['admin']>, groupId: string): Promise<Map<number, bigint>> {
    const [topic] = await admin.fetchOffsets({ groupId, topics: [this.deps.topic] });
    return new Map((topic?.partitions ?? []).map((p) => [p.partition, p.offset === '-1' ? 0n : BigInt(p.offset)]));
  }
}
