import { ManifestFile, nextManifest, PartitionManifest, serializeManifest, sha256Hex, StoredManifest, parseManifest } from '../manifest/partition-manifest';
import { splitIntoDayRuns } from '../manifest/day-runs';
import { dataObjectKey, headKey, manifestKey, manifestsPrefix, parseManifestKey } from '../model/object-keys';
import { RawRecord, toArchivedRecord } from '../model/record-mapping';
import { ParquetCompression } from '../parquet/parquet.codec';
import { IN_PROCESS_PARQUET_ENCODER, ParquetEncoder } from '../parquet/parquet-encode.worker';
import { ArchiveStore, ObjectLock } from '../storage/archive.store';

export interface PartitionWriterOptions {
  readonly prefix: string;
  readonly compression: ParquetCompression;
  /** Retention to set on every object written now, or undefined where the store has no Object Lock. */
  readonly lock: () => ObjectLock | undefined;
  /** Where files are encoded; on the calling thread by default. */
  readonly encoder?: ParquetEncoder;
}

/**
 * Appends one partition's records to the archive: one Parquet object per day run, then the next
 * manifest version naming it. The manifest chain in S3, not the Kafka commit, says how far the
 * partition is archived: `nextOffset` is read back from it when the writer opens.
 */
export class PartitionWriter {
  private readonly days = new Map<string, readonly ManifestFile[]>();

  private constructor(
    private readonly store: ArchiveStore,
    private readonly options: PartitionWriterOptions,
    readonly topic: string,
    readonly partition: number,
    private head: StoredManifest | null,
  ) {
    if (head) this.days.set(head.manifest.day, head.manifest.files);
  }

  static async open(store: ArchiveStore, options: PartitionWriterOptions, topic: string, partition: number): Promise<PartitionWriter> {
    const hint = await store.get(headKey(options.prefix, topic, partition));
    const hintKey = hint ? (JSON.parse(hint.toString('utf8')) as { key?: string }).key : undefined;
    const newer = (await store.list(manifestsPrefix(options.prefix, topic, partition), hintKey)).filter((key) => parseManifestKey(key));
    const latest = newer[newer.length - 1] ?? hintKey;
    const bytes = latest ? await store.get(latest) : null;
    const head = latest && bytes ? { key: latest, sha256: sha256Hex(bytes), manifest: parseManifest(bytes) } : null;
    return new PartitionWriter(store, options, topic, partition, head);
  }

  /** The first offset not yet archived, or null when nothing of this partition is. */
  get nextOffset(): bigint | null {
    const last = this.head?.manifest.files[this.head.manifest.files.length - 1];
    return last ? BigInt(last.lastOffset) + 1n : null;
  }

  /** Archives records (offset order, none below `nextOffset`) and returns the offset to commit. */
  async append(records: readonly RawRecord[]): Promise<bigint> {
    for (const run of splitIntoDayRuns(records)) {
      await this.appendRun(run.day, run.records);
    }
    return this.nextOffset!;
  }

  private async appendRun(day: string, records: readonly RawRecord[]): Promise<void> {
    const first = records[0]!;
    const last = records[records.length - 1]!;
    const body = await (this.options.encoder ?? IN_PROCESS_PARQUET_ENCODER).encode(records.map(toArchivedRecord), this.options.compression);
    const key = dataObjectKey(this.options.prefix, this.topic, day, this.partition, first.offset, last.offset);
    const times = records.map((r) => r.timestampMs);
    const file: ManifestFile = {
      key,
      sha256: sha256Hex(body),
      bytes: body.byteLength,
      records: records.length,
      fromOffset: (this.nextOffset ?? BigInt(first.offset)).toString(),
      firstOffset: first.offset,
      lastOffset: last.offset,
      minTimestamp: new Date(Math.min(...times)).toISOString(),
      maxTimestamp: new Date(Math.max(...times)).toISOString(),
    };
    await this.store.put(key, body, this.options.lock());
    const manifest = nextManifest(this.head, await this.dayFiles(day), { topic: this.topic, partition: this.partition, day, file });
    await this.writeManifest(manifest);
  }

  private async writeManifest(manifest: PartitionManifest): Promise<void> {
    const bytes = serializeManifest(manifest);
    const key = manifestKey(this.options.prefix, this.topic, this.partition, manifest.version, manifest.day);
    await this.store.put(key, bytes, this.options.lock());
    this.head = { key, sha256: sha256Hex(bytes), manifest };
    this.days.set(manifest.day, manifest.files);
    const hint = Buffer.from(JSON.stringify({ key, version: manifest.version }));
    await this.store.put(headKey(this.options.prefix, this.topic, this.partition), hint);
  }

  /** The files of a day so far; an earlier day not in memory (timestamps going back) is read from S3. */
  private async dayFiles(day: string): Promise<readonly ManifestFile[]> {
    const known = this.days.get(day);
    if (known) return known;
    if (!this.head || day > this.head.manifest.maxDay) return [];
    const keys = (await this.store.list(manifestsPrefix(this.options.prefix, this.topic, this.partition))).filter(
      (key) => parseManifestKey(key)?.day === day,
    );
    const latest = keys[keys.length - 1];
    const bytes = latest ? await this.store.get(latest) : null;
    return bytes ? parseManifest(bytes).files : [];
  }
}
