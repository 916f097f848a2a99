import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { CodedError } from '@trading/domain';
import { isOrderJournalRecord, OrderJournalRecord } from './order-journal.records';

export class OrderJournalCorruptError extends CodedError {
  readonly code = 'BROKER_FIX.JOURNAL_CORRUPT';
}

/**
 * The adapter's order journal as an append-only file of JSON lines. Every append is written and
 * fsynced before it returns (synchronously: nothing else of the adapter runs in between), so a
 * request is on disk before it is on the wire and a report before anyone hears of it. A crash
 * in the middle of an append leaves at most a torn last line: `load` skips it and the first
 * append after a restart cuts it off.
 */
export class OrderJournalFileStore {
  private fd: number | null = null;

  constructor(readonly path: string) {}

  /** Every whole record, oldest first. */
  load(): OrderJournalRecord[] {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const lines = text.split('\n');
    const records: OrderJournalRecord[] = [];
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      const torn = index === lines.length - 1; // no newline after it: the crash hit this append
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        if (torn) return;
        throw new OrderJournalCorruptError(`FIX order journal ${this.path}: line ${index + 1} is not JSON`, { line: index + 1 }, { cause: error });
      }
      if (!isOrderJournalRecord(value)) {
        if (torn) return;
        throw new OrderJournalCorruptError(`FIX order journal ${this.path}: line ${index + 1} is no journal record`, { line: index + 1 });
      }
      records.push(value);
    });
    return records;
  }

  append(record: OrderJournalRecord): void {
    const fd = this.open();
    writeSync(fd, `${JSON.stringify(record)}\n`);
    fsyncSync(fd);
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }

  private open(): number {
    if (this.fd !== null) return this.fd;
    mkdirSync(dirname(this.path), { recursive: true });
    const text = readOrEmpty(this.path);
    if (text !== '' && !text.endsWith('\n')) truncateSync(this.path, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
    this.fd = openSync(this.path, 'a');
    return this.fd;
  }
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}
