/**
 * One record of the S3 archive, as `@trading/archive`'s reader yields it: the original Kafka record
 * (bytes and headers) with the envelope's fields lifted into columns.
 */
export interface ArchivedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** ISO-8601: the Kafka record's timestamp. */
  readonly timestamp: string;
  readonly key: string | null;
  readonly headers: Readonly<Record<string, string>>;
  /** The original record bytes. */
  readonly value: Buffer | null;
  readonly eventId: string | null;
  readonly type: string | null;
  readonly schemaVersion: number | null;
  readonly accountId: string | null;
  readonly streamId: string | null;
  readonly seq: number | null;
  readonly occurredAt: string | null;
  readonly correlationId: string | null;
  readonly causationId: string | null;
}

export interface ArchiveQuery {
  readonly topics?: readonly string[];
  readonly from?: Date;
  readonly to?: Date;
}

export type ArchiveProgress = (done: number, total: number) => void;

/**
 * Where replay reads from: the archive reader of `@trading/archive` satisfies it as it is. Errors
 * it raises (missing bucket, corrupt object, broken hash chain) are `CodedError`s naming the object.
 */
export interface ArchiveSource {
  records(query: ArchiveQuery, onProgress?: ArchiveProgress): AsyncIterable<ArchivedRecord>;
}
