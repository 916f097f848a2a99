import { createHash } from 'node:crypto';

export const MANIFEST_FORMAT = 'trading-archive-manifest/1';

/** One Parquet object of a partition: what it covers and the hash it must keep. */
export interface ManifestFile {
  readonly key: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly records: number;
  /** Coverage starts here: the offset after the previous file's last (offsets in between held no data record). */
  readonly fromOffset: string;
  readonly firstOffset: string;
  readonly lastOffset: string;
  readonly minTimestamp: string;
  readonly maxTimestamp: string;
}

/**
 * Version `version` of the manifest of one topic partition and day: every file of that day so far.
 * Versions are immutable objects numbered 1.. per partition; each names the hash of the one before
 * (whatever its day), so the partition's whole history is one hash chain.
 */
export interface PartitionManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly topic: string;
  readonly partition: number;
  readonly day: string;
  readonly version: number;
  /** Latest day any version of this partition has seen so far. */
  readonly maxDay: string;
  readonly prevManifestKey: string | null;
  readonly prevManifestSha256: string | null;
  readonly files: readonly ManifestFile[];
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Stable bytes: the same manifest always serialises, and so hashes, the same. */
export function serializeManifest(manifest: PartitionManifest): Buffer {
  const ordered: PartitionManifest = {
    format: manifest.format,
    topic: manifest.topic,
    partition: manifest.partition,
    day: manifest.day,
    version: manifest.version,
    maxDay: manifest.maxDay,
    prevManifestKey: manifest.prevManifestKey,
    prevManifestSha256: manifest.prevManifestSha256,
    files: manifest.files.map((f) => ({
      key: f.key, sha256: f.sha256, bytes: f.bytes, records: f.records, fromOffset: f.fromOffset,
      firstOffset: f.firstOffset, lastOffset: f.lastOffset, minTimestamp: f.minTimestamp, maxTimestamp: f.maxTimestamp,
    })),
  };
  return Buffer.from(`${JSON.stringify(ordered, null, 1)}\n`, 'utf8');
}

export function parseManifest(bytes: Uint8Array): PartitionManifest {
  const parsed = JSON.parse(Buffer.from(bytes).toString('utf8')) as PartitionManifest;
  if (parsed.format !== MANIFEST_FORMAT || !Array.isArray(parsed.files)) throw new Error('not an archive manifest');
  return parsed;
}

/** A manifest version as stored: its object key and the hash of its exact bytes. */
export interface StoredManifest {
  readonly key: string;
  readonly sha256: string;
  readonly manifest: PartitionManifest;
}

/** The next manifest version of a partition after `head`, adding `file` to the files of its day. */
export function nextManifest(
  head: StoredManifest | null,
  dayFiles: readonly ManifestFile[],
  input: { topic: string; partition: number; day: string; file: ManifestFile },
): PartitionManifest {
  const maxDay = head && head.manifest.maxDay > input.day ? head.manifest.maxDay : input.day;
  return {
    format: MANIFEST_FORMAT,
    topic: input.topic,
    partition: input.partition,
    day: input.day,
    version: (head?.manifest.version ?? 0) + 1,
    maxDay,
    prevManifestKey: head?.key ?? null,
    prevManifestSha256: head?.sha256 ?? null,
    files: [...dayFiles, input.file],
  };
}
