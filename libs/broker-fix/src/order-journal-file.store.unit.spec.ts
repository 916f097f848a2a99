import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrderJournalFileStore } from './order-journal-file.store';
import { OrderJournalRecord } from './order-journal.records';

const sent = (seqNum: number): OrderJournalRecord => ({ type: 'request_sent', seqNum, request: { kind: 'submit', clientOrderId: `ord-${seqNum}` } });

function thrown(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

describe('OrderJournalFileStore', () => {
  let dir: string;
  let path: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fix-journal-'));
    path = join(dir, 'nested', 'orders.jsonl');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given no file yet, then it loads nothing', () => {
    expect(new OrderJournalFileStore(path).load()).toEqual([]);
  });

  it('given records appended, then a new store on the same file loads them in order', () => {
    const writer = new OrderJournalFileStore(path);
    writer.append(sent(1));
    writer.append(sent(2));
    writer.close();

    expect(new OrderJournalFileStore(path).load()).toEqual([sent(1), sent(2)]);
  });

  it('given a torn last line (a crash mid-append), then it is skipped, and the next append cuts it off', () => {
    const writer = new OrderJournalFileStore(path);
    writer.append(sent(1));
    writer.close();
    appendFileSync(path, '{"type":"request_se');

    expect(new OrderJournalFileStore(path).load()).toEqual([sent(1)]);
    const next = new OrderJournalFileStore(path);
    next.append(sent(2));
    next.close();
    expect(new OrderJournalFileStore(path).load()).toEqual([sent(1), sent(2)]);
    expect(readFileSync(path, 'utf8').endsWith('\n')).toBe(true);
  });

  it('given a damaged line before the end, then loading fails with BROKER_FIX.JOURNAL_CORRUPT', () => {
    new OrderJournalFileStore(path).append(sent(1));
    writeFileSync(path, `not json\n${JSON.stringify(sent(2))}\n`);

    expect(thrown(() => new OrderJournalFileStore(path).load())).toMatchObject({ code: 'BROKER_FIX.JOURNAL_CORRUPT' });
  });

  it('given a line that is JSON but no record, then loading fails with BROKER_FIX.JOURNAL_CORRUPT', () => {
    writeFileSync(path.replace('nested/', ''), `{"type":"nonsense"}\n{}\n`);

    expect(thrown(() => new OrderJournalFileStore(path.replace('nested/', '')).load())).toMatchObject({ code: 'BROKER_FIX.JOURNAL_CORRUPT' });
  });
});
