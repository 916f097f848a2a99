import { Admin, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { fetchLogEnds } from '../kafka/log-ends';
import { MessageRegistry } from '../registry/message-registry';
import { consumedPositionsOf } from './consumed-positions';
import { PartitionProgram } from './partition-program';

/** A partition as its log of record leaves it. */
export interface PartitionLoad<State> {
  readonly state: State;
  /** Per input topic, the first offset its writer had not decided (the last `eo-consumed` header). */
  readonly consumed: Map<string, bigint>;
}

/**
 * Rebuilds program state by folding the log of record, partition by partition, up to the offset
 * that was the end of the log when the load began. Called only after the partition's writer has
 * fenced every earlier writer, so nothing can be appended behind our back and that end is final.
 */
export async function loadPartitionStates<State>(
  kafka: Kafka,
  admin: Admin,
  registry: MessageRegistry,
  program: PartitionProgram<State>,
  topic: string,
  partitions: readonly number[],
): Promise<Map<number, PartitionLoad<State>>> {
  const states = new Map<number, State>(partitions.map((p) => [p, program.initialState()]));
  const consumed = new Map<number, Map<string, bigint>>(partitions.map((p) => [p, new Map()]));
  const loaded = (): Map<number, PartitionLoad<State>> =>
    new Map(partitions.map((p) => [p, { state: states.get(p) ?? program.initialState(), consumed: consumed.get(p) ?? new Map() }]));
  const ends = new Map([...(await fetchLogEnds(admin, topic))].filter(([partition]) => states.has(partition)));
  if (ends.size === 0) return loaded();

  const reader = kafka.consumer({ groupId: `rebuild-${randomUUID()}`, readUncommitted: false, maxWaitTimeInMs: 100 });
  const pending = new Set(ends.keys());
  try {
    await new Promise<void>((resolve, reject) => {
      // fires for every fetched batch, control-record-only batches included, so the last offset
      // reaches the end even when the log ends with a transaction marker
      reader.on(reader.events.END_BATCH_PROCESS, ({ payload }) => {
        const end = ends.get(payload.partition);
        if (end !== undefined && BigInt(payload.lastOffset) >= end) pending.delete(payload.partition);
        if (pending.size === 0) resolve();
      });
      reader.on(reader.events.CRASH, ({ payload }) => reject(payload.error));
      reader
        .connect()
        .then(() => reader.subscribe({ topic, fromBeginning: true }))
        .then(() =>
          reader.run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              const state = states.get(partition);
              const end = ends.get(partition);
              if (state === undefined || end === undefined || BigInt(message.offset) > end) return;
              const decoded = registry.decode(message.value);
              if (!decoded.ok) {
                throw new Error(`${topic}[${partition}]@${message.offset} is not readable: ${decoded.failure.reason}`);
              }
              states.set(partition, program.replay(state, decoded.envelope));
              // offsets only grow within a partition's log: the last header is the furthest
              for (const [input, next] of consumedPositionsOf(message.headers)) consumed.get(partition)?.set(input, next);
            },
          }),
        )
        .catch(reject);
    });
  } finally {
    await reader.disconnect();
  }
  return loaded();
}
