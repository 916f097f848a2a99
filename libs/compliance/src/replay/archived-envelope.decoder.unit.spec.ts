import { TRADING_MESSAGES } from '@trading/contracts';
import { MessageRegistry } from '@trading/messaging';
import { ArchivedRecord } from '../archive/archive-source.port';
import { AccountHistory } from '../testing/account-history.fixture';
import { ArchiveLog, TEST_TOPICS } from '../testing/archive-log.fixture';
import { ArchivedEnvelopeDecoder } from './archived-envelope.decoder';
import { decodeArchived } from './decoded-record';

const registry = new MessageRegistry().register(...TRADING_MESSAGES);

function orderEvents(): ArchivedRecord[] {
  const log = new ArchiveLog();
  const account = new AccountHistory(log, 'acct-1');
  account.open('100000');
  account.place('o-1', { qty: '10', limitPrice: '150.00' });
  account.acknowledge('o-1');
  account.fill('o-1', 'x-1', '4', '149.50');
  account.cancel('o-1');
  account.canceled('o-1');
  account.place('o-big', { qty: '100000' });
  account.fill('o-unknown', 'x-2', '1', '150.00');
  return log.records.filter((record) => record.topic === TEST_TOPICS.orderEvents);
}

/** The record as an older writer archived it: a v1 fill had no venue nor execution time. */
function asV1Fill(record: ArchivedRecord): ArchivedRecord {
  const envelope = JSON.parse(record.value!.toString('utf8')) as { payload: Record<string, unknown> };
  const payload = { ...envelope.payload };
  delete payload.venue;
  delete payload.executedAt;
  return { ...record, schemaVersion: 1, value: Buffer.from(JSON.stringify({ ...envelope, schemaVersion: 1, payload })) };
}

const rewritten = (record: ArchivedRecord, change: (envelope: { payload: Record<string, unknown> } & Record<string, unknown>) => void): ArchivedRecord => {
  const envelope = JSON.parse(record.value!.toString('utf8')) as { payload: Record<string, unknown> } & Record<string, unknown>;
  change(envelope);
  return { ...record, value: Buffer.from(JSON.stringify(envelope)) };
};

describe('decoding archived order events for replay', () => {
  const records = orderEvents();
  const fast = new ArchivedEnvelopeDecoder(registry);
  const strict = new ArchivedEnvelopeDecoder(registry, { strict: true });

  it('given records at the current version, then each decodes to exactly what the registry decodes', () => {
    expect(new Set(records.map((record) => record.type))).toEqual(new Set(['AccountOpened', 'OrderPlaced', 'OrderAcknowledged', 'OrderPartiallyFilled', 'OrderCancelRequested', 'OrderCanceled', 'OrderRejected', 'ExecutionReportRejected']));
    for (const record of records) {
      const decoded = fast.decode(record);

      expect(decoded).toEqual(decodeArchived(registry, record));
      expect(JSON.stringify(decoded.envelope)).toBe(JSON.stringify(decodeArchived(registry, record).envelope));
    }
  });

  it('given a fill archived at an older version, then it is upcast through the registry as before', () => {
    const old = asV1Fill(records.find((record) => record.type === 'OrderPartiallyFilled')!);

    expect(fast.decode(old)).toEqual(decodeArchived(registry, old));
    expect(fast.decode(old).envelope).toMatchObject({ schemaVersion: 2, payload: { venue: null, executedAt: null } });
  });

  it('given bytes that disagree with the archived columns, then the registry decides, as before', () => {
    const placed = records.find((record) => record.type === 'OrderPlaced')!;
    const otherSeq = rewritten(placed, (envelope) => { envelope.seq = 99; });
    const notJson = { ...placed, value: Buffer.from('{not json') };
    const noColumns = { ...placed, eventId: null, type: null, schemaVersion: null };

    expect(fast.decode(otherSeq)).toEqual(decodeArchived(registry, otherSeq));
    expect(() => fast.decode(notJson)).toThrow(expect.objectContaining({ code: 'REPLAY.UNDECODABLE_RECORD' }) as Error);
    expect(fast.decode(noColumns)).toEqual(decodeArchived(registry, noColumns));
  });

  it('given a payload its schema refuses, then only --strict (the registry) refuses it; the identity fields are checked either way', () => {
    const placed = records.find((record) => record.type === 'OrderPlaced')!;
    const badTime = rewritten(placed, (envelope) => { envelope.payload.at = 'yesterday'; });
    const otherType = rewritten(placed, (envelope) => { envelope.payload.type = 'OrderFilled'; });

    expect(() => strict.decode(badTime)).toThrow(expect.objectContaining({ code: 'REPLAY.UNDECODABLE_RECORD' }) as Error);
    expect(fast.decode(badTime).envelope.payload).toMatchObject({ at: 'yesterday' });
    expect(() => fast.decode(otherType)).toThrow(expect.objectContaining({ code: 'REPLAY.UNDECODABLE_RECORD' }) as Error);
  });
});
