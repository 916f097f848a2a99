import { S3Client } from '@aws-sdk/client-s3';
import { ArchiveError } from '../archive.errors';
import { loadPartitionChains } from '../manifest/manifest-catalog';
import { ManifestFile, sha256Hex } from '../manifest/partition-manifest';
import { ArchivedRecord, ArchiveQuery } from '../model/archived-record';
import { DEFAULT_ARCHIVE_PREFIX } from '../model/object-keys';
import { decodeParquet } from '../parquet/parquet.codec';
import { ArchiveStore } from '../storage/archive.store';
import { Prefetch } from './prefetch';

const overlaps = (file: ManifestFile, query: ArchiveQuery): boolean =>
  (!query.from || new Date(file.maxTimestamp) >= query.from) && (!query.to || new Date(file.minTimestamp) < query.to);

const inRange = (record: ArchivedRecord, query: ArchiveQuery): boolean => {
  const time = new Date(record.timestamp);
  return (!query.from || time >= query.from) && (!query.to || time < query.to);
};

/** Every record of the file is in the query's time range: no need to look at each. */
const within = (file: ManifestFile, query: ArchiveQuery): boolean =>
  (!query.from || new Date(file.minTimestamp) >= query.from) && (!query.to || new Date(file.maxTimestamp) < query.to);

/** Files downloaded ahead of the one being decoded and folded: S3 latency overlaps with the CPU work. */
const DOWNLOADS_AHEAD = 4;

/** Reads the archive through its manifests only: an object no manifest lists is never read. */
export class ArchiveReader {
  private readonly store: ArchiveStore;

  constructor(
    s3: S3Client,
    bucket: string,
    private readonly prefix: string = DEFAULT_ARCHIVE_PREFIX,
  ) {
    this.store = new ArchiveStore(s3, bucket);
  }

  /**
   * Records in (topic, partition, offset) order per partition, across files; fails with a coded
   * error naming the object on a missing bucket, a broken manifest chain, a missing or corrupt file
   * or a file whose SHA-256 differs from its manifest. `onProgress` counts records of the selected files.
   */
  async *records(query: ArchiveQuery, onProgress?: (done: number, total: number) => void): AsyncIterable<ArchivedRecord> {
    const chains = await loadPartitionChains(this.store, this.prefix, query.topics);
    const broken = chains.flatMap((chain) => chain.breaks)[0];
    if (broken) throw new ArchiveError(broken.code, `${broken.object}: ${broken.message}`, { object: broken.object });
    const files = chains.flatMap((chain) => chain.files.filter((file) => overlaps(file, query)));
    const total = files.reduce((sum, file) => sum + file.records, 0);
    let done = 0;
    onProgress?.(done, total);
    const downloads = new Prefetch(files, DOWNLOADS_AHEAD, (file) => this.download(file));
    for (const [index, file] of files.entries()) {
      const records = this.decodeFile(file, await downloads.take(index));
      const whole = within(file, query);
      for (const record of records) {
        if (whole || inRange(record, query)) yield record;
      }
      done += file.records;
      onProgress?.(done, total);
    }
  }

  private async download(file: ManifestFile): Promise<Buffer> {
    const bytes = await this.store.get(file.key);
    if (!bytes) throw new ArchiveError('ARCHIVE.OBJECT_MISSING', `${file.key} is listed in a manifest but missing`, { object: file.key });
    return bytes;
  }

  private decodeFile(file: ManifestFile, bytes: Buffer): ArchivedRecord[] {
    const sha256 = sha256Hex(bytes);
    if (sha256 !== file.sha256) {
      throw new ArchiveError('ARCHIVE.FILE_HASH_MISMATCH', `${file.key} has SHA-256 ${sha256}, its manifest says ${file.sha256}`, { object: file.key });
    }
    try {
      return decodeParquet(bytes);
    } catch (error) {
      throw new ArchiveError('ARCHIVE.CORRUPT_FILE', `${file.key} is not a readable archive Parquet file`, { object: file.key }, { cause: error });
    }
  }
}
