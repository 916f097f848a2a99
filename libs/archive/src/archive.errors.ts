import { CodedError } from '@trading/domain';

export type ArchiveErrorCode =
  | 'ARCHIVE.BUCKET_NOT_FOUND'
  | 'ARCHIVE.OBJECT_MISSING'
  | 'ARCHIVE.CORRUPT_FILE'
  | 'ARCHIVE.FILE_HASH_MISMATCH'
  | 'ARCHIVE.CORRUPT_MANIFEST'
  | 'ARCHIVE.HASH_CHAIN_BROKEN'
  | 'ARCHIVE.OFFSET_GAP'
  | 'ARCHIVE.OFFSET_OVERLAP'
  | 'ARCHIVE.MANIFEST_REWRITTEN'
  | 'ARCHIVE.STORE_FAILED';

/** A failure of the archive, naming the object (S3 key) it concerns in `details.object`. */
export class ArchiveError extends CodedError {
  constructor(
    readonly code: ArchiveErrorCode,
    message: string,
    details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, details, options);
  }
}
