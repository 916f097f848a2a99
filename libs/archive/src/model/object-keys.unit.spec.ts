import { dataObjectKey, manifestKey, parseManifestKey, utcDay } from './object-keys';

describe('archive object keys', () => {
  it('names a data object from topic, day, partition and the zero-padded offset range', () => {
    expect(dataObjectKey('archive', 'trading.order-events', '2024-03-01', 4, '17', '12345')).toBe(
      'archive/topic=trading.order-events/dt=2024-03-01/partition=4/00000000000000000017-00000000000000012345.parquet',
    );
  });

  it('gives the same key for the same range, so a retry rewrites the same object', () => {
    expect(dataObjectKey('a', 't', '2024-01-01', 0, '1', '9')).toBe(dataObjectKey('a', 't', '2024-01-01', 0, '1', '9'));
  });

  it('takes the day from the record time in UTC, not local time', () => {
    expect(utcDay(Date.UTC(2024, 0, 1, 23, 59, 59, 999))).toBe('2024-01-01');
    expect(utcDay(Date.UTC(2024, 0, 2, 0, 0, 0, 0))).toBe('2024-01-02');
  });

  it('names manifests version first and reads the parts back', () => {
    const key = manifestKey('archive', 'trading.commands', 2, 7, '2024-01-02');

    expect(key).toBe('archive/_manifests/topic=trading.commands/partition=2/v00000000000000000007-dt=2024-01-02.json');
    expect(parseManifestKey(key)).toEqual({ topic: 'trading.commands', partition: 2, version: 7, day: '2024-01-02' });
    expect(parseManifestKey('archive/_heads/topic=x/partition=1.json')).toBeNull();
  });
});
