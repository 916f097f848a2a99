import { ArchivedRecord, ArchiveQuery } from '@trading/archive';

export type { ArchivedRecord, ArchiveQuery };

export type ArchiveProgress = (done: number, total: number) => void;

/**
 * Where replay reads from: the archive reader of `@trading/archive` satisfies it as it is. Errors
 * it raises (missing bucket, corrupt object, broken hash chain) are `CodedError`s naming the object.
 */
export interface ArchiveSource {
  records(query: ArchiveQuery, onProgress?: ArchiveProgress): AsyncIterable<ArchivedRecord>;
}
