import { ArchiveStore, decodeParquet, loadPartitionChains } from '@trading/archive';

/** Archive size of one topic: the Parquet objects against the same records as JSON lines. */
export interface TopicSize {
  readonly topic: string;
  readonly records: number;
  readonly files: number;
  /** Sum of the sizes of the Parquet objects the manifests list. */
  readonly parquetBytes: number;
  /** Sum of the original record values (the JSON envelopes) plus one newline each. */
  readonly jsonLinesBytes: number;
}

export interface ArchiveSize {
  readonly topics: readonly TopicSize[];
  readonly records: number;
  readonly parquetBytes: number;
  readonly jsonLinesBytes: number;
  readonly parquetBytesPerEvent: number | null;
  readonly jsonLinesBytesPerEvent: number | null;
  /** JSON lines bytes / Parquet bytes: how many times smaller the archive is. */
  readonly compressionRatio: number | null;
}

/**
 * Reads every file the run's manifests list (one snapshot of the chains), and sums, per topic,
 * the object sizes and the values it holds (read back from the Parquet files, so the comparison is
 * over exactly the same records).
 */
export async function archiveSize(store: ArchiveStore, prefix: string): Promise<ArchiveSize> {
  const chains = await loadPartitionChains(store, prefix);
  const byTopic = new Map<string, { records: number; files: number; parquetBytes: number; jsonLinesBytes: number }>();
  for (const chain of chains) {
    const size = byTopic.get(chain.topic) ?? { records: 0, files: 0, parquetBytes: 0, jsonLinesBytes: 0 };
    for (const file of chain.files) {
      const bytes = await store.get(file.key);
      if (bytes === null) throw new Error(`${file.key} is listed in a manifest but missing`);
      size.files += 1;
      size.parquetBytes += bytes.length;
      for (const record of decodeParquet(bytes)) {
        size.records += 1;
        size.jsonLinesBytes += (record.value?.length ?? 0) + 1;
      }
    }
    byTopic.set(chain.topic, size);
  }
  const topics = [...byTopic].map(([topic, size]) => ({ topic, ...size })).sort((a, b) => b.records - a.records);
  const records = topics.reduce((n, t) => n + t.records, 0);
  const parquetBytes = topics.reduce((n, t) => n + t.parquetBytes, 0);
  const jsonLinesBytes = topics.reduce((n, t) => n + t.jsonLinesBytes, 0);
  return {
    topics,
    records,
    parquetBytes,
    jsonLinesBytes,
    parquetBytesPerEvent: records > 0 ? parquetBytes / records : null,
    jsonLinesBytesPerEvent: records > 0 ? jsonLinesBytes / records : null,
    compressionRatio: parquetBytes > 0 ? jsonLinesBytes / parquetBytes : null,
  };
}
