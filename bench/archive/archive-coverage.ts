import { ArchiveStore, loadPartitionChains, manifestsPrefix, parseManifest, parseManifestKey } from '@trading/archive';
import { Admin } from 'kafkajs';

/** One topic partition: how far the manifests cover it, and what they list. */
export interface PartitionCoverage {
  readonly topic: string;
  readonly partition: number;
  /** Last offset of the last listed file; -1 when nothing is archived. */
  readonly lastOffset: bigint;
  readonly records: number;
  readonly parquetBytes: number;
  readonly files: number;
}

/** Reads every manifest chain of `topics` under the run's archive prefix. */
export async function archiveCoverage(store: ArchiveStore, prefix: string, topics: readonly string[]): Promise<PartitionCoverage[]> {
  const chains = await loadPartitionChains(store, prefix, topics);
  return chains.map((chain) => {
    const last = chain.files[chain.files.length - 1];
    return {
      topic: chain.topic,
      partition: chain.partition,
      lastOffset: last === undefined ? -1n : BigInt(last.lastOffset),
      records: chain.files.reduce((sum, f) => sum + f.records, 0),
      parquetBytes: chain.files.reduce((sum, f) => sum + f.bytes, 0),
      files: chain.files.length,
    };
  });
}

/**
 * The last archived offset of each partition (-1: none), from its newest manifest only: one LIST
 * and one GET per partition, light enough to poll while the archiver works.
 */
export async function archivedThrough(store: ArchiveStore, prefix: string, topic: string, partitions: readonly number[]): Promise<Map<number, bigint>> {
  const through = new Map<number, bigint>();
  await Promise.all(
    partitions.map(async (partition) => {
      const keys = (await store.list(manifestsPrefix(prefix, topic, partition))).filter((key) => parseManifestKey(key) !== null);
      const newest = keys[keys.length - 1];
      const bytes = newest === undefined ? null : await store.get(newest);
      const files = bytes === null ? [] : parseManifest(bytes).files;
      const last = files[files.length - 1];
      through.set(partition, last === undefined ? -1n : BigInt(last.lastOffset));
    }),
  );
  return through;
}

/** The high watermark (next offset) of every partition of `topic`, by partition. */
export async function highWatermarks(admin: Admin, topic: string): Promise<Map<number, bigint>> {
  return new Map((await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => [partition, BigInt(high)]));
}

/**
 * Whether the manifests cover `topic` up to `ends` (high watermarks). `slack` allows trailing
 * offsets that hold no data record: 1 for a transactional topic, whose log ends in a commit marker.
 */
export function covers(through: ReadonlyMap<number, bigint>, ends: ReadonlyMap<number, bigint>, slack = 0n): boolean {
  for (const [partition, high] of ends) {
    if (high === 0n) continue;
    const last = through.get(partition);
    if (last === undefined || last + 1n + slack < high) return false;
  }
  return true;
}
