import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { Clock } from '@trading/domain';
import { MessageRegistry } from '@trading/messaging';
import { OrderRowEntity, ProjectionStreamEntity } from '@trading/persistence';
import { DeadLetterSink, OrdersStore, PositionsStore, ProjectionBatch, ProjectionRecord } from '@trading/read-models';
import { DataSource } from 'typeorm';
import { ArchivedRecord, ArchiveProgress, ArchiveSource } from '../archive/archive-source.port';
import { RebuildTargetNotEmptyError } from '../compliance.errors';
import { decodeArchived } from '../replay/decoded-record';

export interface RebuildInput {
  readonly source: ArchiveSource;
  readonly registry: MessageRegistry;
  readonly orderEventsTopic: string;
  readonly dataSource: DataSource;
  readonly dynamodb: DynamoDBClient;
  readonly positionsTable: string;
  readonly clock: Clock;
  /** Records written per store transaction. */
  readonly batchSize?: number;
  readonly onProgress?: ArchiveProgress;
}

export interface RebuildResult {
  readonly records: number;
  /** Events a projection could not apply, with why (they would have been dead-lettered). */
  readonly unappliable: readonly string[];
}

/**
 * Disaster recovery: fills fresh read models from the archive through the projections' own
 * stores, batch by batch per partition, so rows, per-stream seqs and the Kafka checkpoints are
 * exactly what the projectors would have written (they can resume from Kafka afterwards). Refuses
 * a target that already holds orders, stream progress or positions: it never merges into live data.
 */
export async function rebuildReadModels(input: RebuildInput): Promise<RebuildResult> {
  await assertEmpty(input);
  const stores = [new OrdersStore(input.dataSource, input.clock), new PositionsStore(input.dynamodb, input.positionsTable, input.clock)];
  const unappliable: string[] = [];
  const deadLetter: DeadLetterSink = async (record, failure) => {
    unappliable.push(`${record.envelope.type} seq ${record.envelope.seq} of ${record.envelope.streamId}: ${failure.code} ${failure.reason}`);
  };
  const size = input.batchSize ?? 500;
  let pending: { topic: string; partition: number; records: ProjectionRecord[] } | null = null;
  let count = 0;
  const flush = async (): Promise<void> => {
    const last = pending?.records[pending.records.length - 1];
    if (!pending || !last) return;
    const batch: ProjectionBatch = { ...pending, nextOffset: (BigInt(last.message.offset) + 1n).toString() };
    for (const store of stores) await store.apply(batch, deadLetter);
    pending = null;
  };
  for await (const record of input.source.records({ topics: [input.orderEventsTopic] }, input.onProgress)) {
    if (pending && (pending.topic !== record.topic || pending.partition !== record.partition || pending.records.length >= size)) await flush();
    pending ??= { topic: record.topic, partition: record.partition, records: [] };
    pending.records.push(projectionRecordOf(input.registry, record));
    count += 1;
  }
  await flush();
  return { records: count, unappliable };
}

function projectionRecordOf(registry: MessageRegistry, record: ArchivedRecord): ProjectionRecord {
  const { envelope } = decodeArchived(registry, record);
  return {
    envelope,
    message: { key: record.key === null ? null : Buffer.from(record.key), value: record.value, headers: { ...record.headers }, offset: record.offset },
  };
}

async function assertEmpty(input: RebuildInput): Promise<void> {
  const orders = await input.dataSource.getRepository(OrderRowEntity).count({ take: 1 });
  const streams = await input.dataSource.getRepository(ProjectionStreamEntity).count({ take: 1 });
  const items = await input.dynamodb.send(new ScanCommand({ TableName: input.positionsTable, Limit: 1 }));
  if (orders > 0 || streams > 0 || (items.Items?.length ?? 0) > 0) {
    throw new RebuildTargetNotEmptyError(
      `the target read models are not empty (orders: ${orders > 0 ? 'rows' : 'empty'}, projection streams: ${streams > 0 ? 'rows' : 'empty'}, ${input.positionsTable}: ${(items.Items?.length ?? 0) > 0 ? 'items' : 'empty'}); --rebuild fills fresh ones only`,
      { positionsTable: input.positionsTable },
    );
  }
}
