import { ArchivedRecord, ArchivedRecordBatch, ArchiveQuery } from '@trading/archive';

export type { ArchivedRecord, ArchivedRecordBatch, ArchiveQuery };

export type ArchiveProgress = (done: number, total: number) => void;

/**
 * Where replay reads from: the archive reader of `@trading/archive` satisfies it as it is. Errors
 * it raises (missing bucket, corrupt object, broken hash chain) are `CodedError`s naming the object.
 */
export interface ArchiveSource {
  records(query: ArchiveQuery, onProgress?: ArchiveProgress): AsyncIterable<ArchivedRecord>;
  /**
   * The same records a record batch at a time, read column by column, where the source can: replay
   * then reads only the value and the envelope columns of most records.
   */
  recordBatches?(query: ArchiveQuery, onProgress?: ArchiveProgress): AsyncIterable<ArchivedRecordBatch>;
}
