import { toArchivedRecord, RawRecord } from '../model/record-mapping';
import { decodeParquet, encodeParquet } from './parquet.codec';

const envelope = {
  eventId: '0190a8f4-6f1e-7c3a-9b2d-1f2e3d4c5b6a',
  type: 'OrderAccepted',
  schemaVersion: 2,
  accountId: 'acc-1',
  streamId: 'order-1',
  seq: 3,
  occurredAt: '2024-01-01T12:00:00.123Z',
  correlationId: 'corr-1',
  causationId: null,
  payload: { qty: '10', price: '185.00' },
};

const raw = (offset: string, value: Buffer | null, key: Buffer | null = Buffer.from('acc-1')): RawRecord => ({
  topic: 'trading.order-events',
  partition: 2,
  offset,
  timestampMs: Date.parse('2024-01-01T12:00:01.456Z'),
  key,
  headers: { 'message-type': 'OrderAccepted', traceparent: '00-abc-def-01' },
  value,
});

describe('archive columns and Parquet encoding', () => {
  const envelopeBytes = Buffer.from(JSON.stringify(envelope));

  it('maps an envelope value to typed envelope columns', () => {
    expect(toArchivedRecord(raw('5', envelopeBytes))).toMatchObject({
      offset: '5', timestamp: '2024-01-01T12:00:01.456Z', key: 'acc-1',
      eventId: envelope.eventId, type: 'OrderAccepted', schemaVersion: 2, accountId: 'acc-1', streamId: 'order-1',
      seq: 3, occurredAt: '2024-01-01T12:00:00.123Z', correlationId: 'corr-1', causationId: null,
    });
  });

  it('leaves the envelope columns null for a value that is not an envelope', () => {
    const record = toArchivedRecord(raw('6', Buffer.from([0xff, 0x00, 0x01])));

    expect([record.eventId, record.type, record.schemaVersion, record.seq, record.occurredAt]).toEqual([null, null, null, null, null]);
  });

  it('round-trips every field, the value byte for byte, through Parquet', () => {
    const records = [raw('5', envelopeBytes), raw('6', Buffer.from([0xff, 0x00, 0x01]), null), raw('9007199254740993', null)].map(toArchivedRecord);

    const decoded = decodeParquet(encodeParquet(records));

    expect(decoded).toEqual(records);
    expect(decoded[0]!.value!.equals(envelopeBytes)).toBe(true);
  });

  it('writes identical bytes for identical records, with zstd or snappy', () => {
    const records = [raw('5', envelopeBytes)].map(toArchivedRecord);

    expect(Buffer.from(encodeParquet(records)).equals(Buffer.from(encodeParquet(records)))).toBe(true);
    expect(decodeParquet(encodeParquet(records, 'snappy'))).toEqual(records);
  });

  it('refuses bytes that are not Parquet', () => {
    expect(() => decodeParquet(Buffer.from('not parquet'))).toThrow();
  });
});

describe('reading archive Parquet files column by column', () => {
  it('round-trips records over several batches, with nulls in every nullable column and non-ASCII text', () => {
    const records = Array.from({ length: 1_500 }, (_, n) => {
      const value = n % 7 === 0 ? null : n % 5 === 0 ? Buffer.from([0xff, n % 256]) : Buffer.from(JSON.stringify({ ...envelope, seq: n, payload: { note: `é€${n}` } }));
      return toArchivedRecord({ ...raw(String(2n ** 53n + BigInt(n)), value, n % 3 === 0 ? null : Buffer.from(`clé-${n}`)), headers: n % 4 === 0 ? {} : { 'message-type': `Typ€${n}` } });
    });

    const decoded = decodeParquet(encodeParquet(records), 512);

    expect(decoded).toEqual(records);
    expect(decoded.filter((record) => record.eventId === null).length).toBeGreaterThan(0);
    expect(decodeParquet(encodeParquet(records))).toEqual(records);
  });
});
