import { decodeLiveMessage, encodeLiveMessage } from './stream-entry';
import { comparePositions, parseStreamPosition, redisEntryId, sseId } from './stream-position';

describe('stream positions', () => {
  it('reads the SSE ids it writes, and the Redis entry ids', () => {
    expect(parseStreamPosition('42')).toEqual({ seq: 42, index: 0 });
    expect(parseStreamPosition('42-1')).toEqual({ seq: 42, index: 1 });
    expect(sseId({ seq: 42, index: 0 })).toBe('42');
    expect(sseId({ seq: 42, index: 1 })).toBe('42-1');
    expect(redisEntryId({ seq: 42, index: 0 })).toBe('42-0');
  });

  it.each(['', 'abc', '-1', '1.5', '01', '1-', '99999999999999999999', '1-2-3'])('refuses %p', (text) => {
    expect(parseStreamPosition(text)).toBeNull();
  });

  it('orders by seq, then by index', () => {
    expect(comparePositions({ seq: 2, index: 0 }, { seq: 1, index: 5 })).toBeGreaterThan(0);
    expect(comparePositions({ seq: 2, index: 0 }, { seq: 2, index: 1 })).toBeLessThan(0);
  });

  it('a live message carries the entry whole, spaces in the JSON included', () => {
    const entry = { position: { seq: 7, index: 1 }, event: 'fill' as const, data: '{"a":"b c"}' };

    expect(decodeLiveMessage(encodeLiveMessage(entry))).toEqual(entry);
    expect(decodeLiveMessage('garbage')).toBeNull();
  });
});
