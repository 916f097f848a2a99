import { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { Table, tableFromIPC } from 'apache-arrow';
import { ArchiveError } from '../archive.errors';
import { loadPartitionChains } from '../manifest/manifest-catalog';
import { ManifestFile, sha256Hex } from '../manifest/partition-manifest';
import { ArchivedRecord, ArchiveQuery } from '../model/archived-record';
import { DEFAULT_ARCHIVE_PREFIX } from '../model/object-keys';
import { DecodeWorkerUnavailable, ParquetDecodeWorker } from '../parquet/parquet-decode.worker';
import { DEFAULT_BATCH_ROWS, rowsOfTable, tableOfParquet } from '../parquet/parquet.codec';
import { RecordColumns } from '../parquet/record-columns';
import { ArchiveStore } from '../storage/archive.store';
import { ArchivedRecordBatch } from './archived-record.batch';
import { DecodeWorkerLease } from './decode-worker.lease';
import { Prefetch } from './prefetch';

const overlaps = (file: ManifestFile, query: ArchiveQuery): boolean =>
  (!query.from || new Date(file.maxTimestamp) >= query.from) && (!query.to || new Date(file.minTimestamp) < query.to);

const inRange = (record: ArchivedRecord, query: ArchiveQuery): boolean => {
  const time = new Date(record.timestamp);
  return (!query.from || time >= query.from) && (!query.to || time < query.to);
};

/** The rows whose Kafka record time is in the query's range, as `inRange` selects them. */
function rowsInRange(columns: RecordColumns, query: ArchiveQuery): Int32Array {
  const from = query.from?.getTime() ?? -Infinity;
  const to = query.to?.getTime() ?? Infinity;
  const rows: number[] = [];
  for (let index = 0; index < columns.length; index++) {
    const time = columns.timestamp.number(index) ?? Number.NaN;
    if (time >= from && time < to) rows.push(index);
  }
  return Int32Array.from(rows);
}

/** Every record of the file is in the query's time range: no need to look at each. */
const within = (file: ManifestFile, query: ArchiveQuery): boolean =>
  (!query.from || new Date(file.minTimestamp) >= query.from) && (!query.to || new Date(file.maxTimestamp) < query.to);

/** Files downloaded ahead of the one being decoded and folded: S3 latency overlaps with the CPU work. */
const DOWNLOADS_AHEAD = 4;

/** From this many files on, Parquet is decoded on a worker thread (`ParquetDecodeWorker`) by default. */
const WORKER_FROM_FILES = 2;

export interface ArchiveReaderOptions {
  /**
   * Decode the Parquet files on a worker thread, ahead of the records being consumed, so that the
   * decompression overlaps with the consumer's work: by default from two files on (one file would
   * wait for the thread to start). The records are the same either way.
   */
  readonly decodeOnWorker?: boolean;
  /**
   * The reader's S3 client configuration as plain data (`s3ClientConfig` of `@trading/persistence`):
   * given, the decode worker downloads and checks the files itself, with a client of its own, and
   * the SDK's work per file (about 1.4 ms of CPU) leaves the thread that folds. What the worker
   * cannot get or verify is read here again, with the same errors.
   */
  readonly workerS3?: S3ClientConfig;
}

/** A downloaded file whose hash matched: its bytes, or its Arrow IPC stream when a worker decoded it. */
type Loaded = { readonly bytes: Buffer } | { readonly ipc: Uint8Array };

/** Reads the archive through its manifests only: an object no manifest lists is never read. */
export class ArchiveReader {
  private readonly store: ArchiveStore;
  private readonly decodeWorker = new DecodeWorkerLease();

  constructor(
    s3: S3Client,
    private readonly bucket: string,
    private readonly prefix: string = DEFAULT_ARCHIVE_PREFIX,
    private readonly options: ArchiveReaderOptions = {},
  ) {
    this.store = new ArchiveStore(s3, bucket);
  }

  /**
   * Records in (topic, partition, offset) order per partition, across files; fails with a coded
   * error naming the object on a missing bucket, a broken manifest chain, a missing or corrupt file
   * or a file whose SHA-256 differs from its manifest. `onProgress` counts records of the selected files.
   */
  async *records(query: ArchiveQuery, onProgress?: (done: number, total: number) => void): AsyncIterable<ArchivedRecord> {
    for await (const { file, table } of this.tables(query, onProgress)) {
      const rows = rowsOfTable(table);
      const whole = within(file, query);
      for (;;) {
        let row: IteratorResult<ArchivedRecord>;
        try {
          row = rows.next();
        } catch (error) {
          throw corrupt(file, error);
        }
        if (row.done) break;
        if (whole || inRange(row.value, query)) yield row.value;
      }
    }
  }

  /**
   * `records`, a record batch at a time, read column by column (`ArchivedRecordBatch`): the same
   * records in the same order, for a reader that needs a few fields of most of them.
   */
  async *recordBatches(query: ArchiveQuery, onProgress?: (done: number, total: number) => void): AsyncIterable<ArchivedRecordBatch> {
    for await (const { file, table } of this.tables(query, onProgress)) {
      for (const batch of table.batches) {
        let columns: RecordColumns;
        try {
          columns = new RecordColumns(batch);
        } catch (error) {
          throw corrupt(file, error);
        }
        yield new ArchivedRecordBatch(columns, within(file, query) ? null : rowsInRange(columns, query), file.key);
      }
    }
  }

  /** The selected files' tables in order, each counted as done once the next is asked for. */
  private async *tables(query: ArchiveQuery, onProgress?: (done: number, total: number) => void): AsyncIterable<{ file: ManifestFile; table: Table }> {
    const chains = await loadPartitionChains(this.store, this.prefix, query.topics);
    const broken = chains.flatMap((chain) => chain.breaks)[0];
    if (broken) throw new ArchiveError(broken.code, `${broken.object}: ${broken.message}`, { object: broken.object });
    const files = chains.flatMap((chain) => chain.files.filter((file) => overlaps(file, query)));
    const total = files.reduce((sum, file) => sum + file.records, 0);
    let done = 0;
    onProgress?.(done, total);
    const worker = (this.options.decodeOnWorker ?? files.length >= WORKER_FROM_FILES) && files.length > 0 ? this.decodeWorker.acquire() : null;
    try {
      const loads = new Prefetch(files, DOWNLOADS_AHEAD, (file) => this.load(file, worker));
      for (const [index, file] of files.entries()) {
        yield { file, table: this.tableOf(file, await loads.take(index)) };
        done += file.records;
        onProgress?.(done, total);
      }
    } finally {
      if (worker) this.decodeWorker.release();
    }
  }

  /** Downloads the file and checks its hash; with a worker, has it decoded (and, given `workerS3`, downloaded) there too. */
  private async load(file: ManifestFile, worker: ParquetDecodeWorker | null): Promise<Loaded> {
    const config = this.options.workerS3;
    if (worker && config) {
      const ipc = await worker.fetchToIpcStream({ config, bucket: this.bucket, key: file.key, sha256: file.sha256 }, DEFAULT_BATCH_ROWS).catch((error: unknown) => {
        if (error instanceof DecodeWorkerUnavailable) return null;
        throw corrupt(file, error);
      });
      if (ipc) return { ipc };
    }
    const bytes = await this.download(file);
    const sha256 = sha256Hex(bytes);
    if (sha256 !== file.sha256) {
      throw new ArchiveError('ARCHIVE.FILE_HASH_MISMATCH', `${file.key} has SHA-256 ${sha256}, its manifest says ${file.sha256}`, { object: file.key });
    }
    if (!worker) return { bytes };
    try {
      return { ipc: await worker.toIpcStream(bytes, DEFAULT_BATCH_ROWS) };
    } catch (error) {
      // a thread that is gone says nothing of the file: decode it here instead
      if (error instanceof DecodeWorkerUnavailable) return { bytes };
      throw corrupt(file, error);
    }
  }

  private async download(file: ManifestFile): Promise<Buffer> {
    const bytes = await this.store.get(file.key);
    if (!bytes) throw new ArchiveError('ARCHIVE.OBJECT_MISSING', `${file.key} is listed in a manifest but missing`, { object: file.key });
    return bytes;
  }

  private tableOf(file: ManifestFile, loaded: Loaded): Table {
    try {
      return 'ipc' in loaded ? tableFromIPC(loaded.ipc) : tableOfParquet(loaded.bytes);
    } catch (error) {
      throw corrupt(file, error);
    }
  }
}

const corrupt = (file: ManifestFile, cause: unknown): ArchiveError =>
  new ArchiveError('ARCHIVE.CORRUPT_FILE', `${file.key} is not a readable archive Parquet file`, { object: file.key }, { cause });
