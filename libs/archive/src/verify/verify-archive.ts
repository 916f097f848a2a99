import { S3Client } from '@aws-sdk/client-s3';
import { loadPartitionChains } from '../manifest/manifest-catalog';
import { ArchiveBreak } from '../manifest/partition-chain';
import { sha256Hex } from '../manifest/partition-manifest';
import { DEFAULT_ARCHIVE_PREFIX, isDataObjectKey } from '../model/object-keys';
import { ArchiveStore } from '../storage/archive.store';
import { mapLimited } from '../storage/map-limited';

export interface VerifyReport {
  /** True when there is no break (orphans are not breaks: no manifest lists them, no reader reads them). */
  readonly ok: boolean;
  readonly partitions: number;
  readonly files: number;
  readonly records: number;
  readonly breaks: readonly ArchiveBreak[];
  /** Data objects no manifest lists, e.g. left by a crash between upload and manifest write. */
  readonly orphans: readonly string[];
}

/**
 * Recomputes everything the manifests claim: the hash chain of every partition, offsets without
 * gap or overlap, and the SHA-256 of every listed file. Reports every break, naming its object.
 */
export async function verifyArchive(s3: S3Client, bucket: string, prefix: string = DEFAULT_ARCHIVE_PREFIX): Promise<VerifyReport> {
  const store = new ArchiveStore(s3, bucket);
  const chains = await loadPartitionChains(store, prefix);
  const breaks: ArchiveBreak[] = chains.flatMap((chain) => [...chain.breaks]);
  const files = chains.flatMap((chain) => chain.files);
  const fileBreaks = await mapLimited(files, 8, async (file): Promise<ArchiveBreak | null> => {
    const bytes = await store.get(file.key);
    if (!bytes) return { code: 'ARCHIVE.OBJECT_MISSING', object: file.key, message: 'listed in a manifest but missing' };
    const sha256 = sha256Hex(bytes);
    return sha256 === file.sha256
      ? null
      : { code: 'ARCHIVE.FILE_HASH_MISMATCH', object: file.key, message: `SHA-256 ${sha256} differs from the manifest's ${file.sha256}` };
  });
  breaks.push(...fileBreaks.filter((b): b is ArchiveBreak => b !== null));
  const listed = new Set(files.map((file) => file.key));
  const orphans = (await store.list(`${prefix}/topic=`)).filter((key) => isDataObjectKey(key) && !listed.has(key));
  return {
    ok: breaks.length === 0,
    partitions: chains.length,
    files: files.length,
    records: files.reduce((sum, file) => sum + file.records, 0),
    breaks,
    orphans,
  };
}
