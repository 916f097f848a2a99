import { ArchiveError } from '../archive.errors';
import { ArchivedRecord } from '../model/archived-record';
import { RecordColumns } from '../parquet/record-columns';

/**
 * Records of one archive file (one record batch of it) that a query selects, read column by
 * column: a reader that needs a few fields of most records (replay: the envelope columns and the
 * value) reads just those, and builds the whole record only for the few it needs in full. The
 * fields are read as `ArchiveReader.records` reads them. Holding a batch holds its file's columns.
 */
export class ArchivedRecordBatch {
  constructor(
    private readonly columns: RecordColumns,
    /** Indexes into the columns of the selected rows; null: all of them. */
    private readonly rows: Int32Array | null,
    /** The S3 key of the file, for errors. */
    readonly object: string,
  ) {}

  get length(): number {
    return this.rows ? this.rows.length : this.columns.length;
  }

  /** The record at `index`, whole, as `ArchiveReader.records` yields it. */
  record(index: number): ArchivedRecord {
    try {
      return this.columns.record(this.row(index));
    } catch (error) {
      throw new ArchiveError('ARCHIVE.CORRUPT_FILE', `${this.object} is not a readable archive Parquet file`, { object: this.object }, { cause: error });
    }
  }

  /** The value as UTF-8 text, as `record(index).value.toString('utf8')`; null for a record without one. */
  valueText(index: number): string | null {
    return this.columns.value.utf8(this.row(index));
  }

  eventId(index: number): string | null {
    return this.columns.eventId.text(this.row(index));
  }

  type(index: number): string | null {
    return this.columns.type.text(this.row(index));
  }

  schemaVersion(index: number): number | null {
    return this.columns.schemaVersion.number(this.row(index));
  }

  accountId(index: number): string | null {
    return this.columns.accountId.text(this.row(index));
  }

  streamId(index: number): string | null {
    return this.columns.streamId.text(this.row(index));
  }

  seq(index: number): number | null {
    return this.columns.seq.number(this.row(index));
  }

  occurredAt(index: number): string | null {
    return this.columns.occurredAt.iso(this.row(index));
  }

  /** `occurredAt` in epoch milliseconds, without building its ISO text. */
  occurredAtMs(index: number): number | null {
    return this.columns.occurredAt.number(this.row(index));
  }

  correlationId(index: number): string | null {
    return this.columns.correlationId.text(this.row(index));
  }

  causationId(index: number): string | null {
    return this.columns.causationId.text(this.row(index));
  }

  private row(index: number): number {
    return this.rows ? this.rows[index]! : index;
  }
}
