import { canonicalJson, isValidIdempotencyKey, requestFingerprint } from './request-fingerprint';

describe('request fingerprint for Idempotency-Key', () => {
  const order = { symbol: 'AAPL', qty: '1', side: 'buy', type: 'market', time_in_force: 'day' };

  it('is the same for the same data, whatever the key order or spacing', () => {
    const reordered = JSON.parse('{ "time_in_force": "day", "type": "market", "side": "buy", "qty": "1", "symbol": "AAPL" }') as unknown;

    expect(requestFingerprint('POST', '/v2/orders', reordered)).toBe(requestFingerprint('post', '/v2/orders', order));
  });

  it('differs when the method, the path, the query or the body differs', () => {
    const base = requestFingerprint('POST', '/v2/orders', order);

    expect(requestFingerprint('PATCH', '/v2/orders', order)).not.toBe(base);
    expect(requestFingerprint('POST', '/v2/orders/1', order)).not.toBe(base);
    expect(requestFingerprint('POST', '/v2/orders?x=1', order)).not.toBe(base);
    expect(requestFingerprint('POST', '/v2/orders', { ...order, qty: '2' })).not.toBe(base);
    expect(requestFingerprint('POST', '/v2/orders', undefined)).not.toBe(base);
  });

  it('writes nested data canonically', () => {
    expect(canonicalJson({ b: [2, { d: 1, c: null }], a: 'x', u: undefined })).toBe('{"a":"x","b":[2,{"c":null,"d":1}]}');
  });

  it.each([
    ['a uuid', '8a7c4b0e-2f61-4a53-9a43-5f3f0e8d1c11', true],
    ['255 characters', 'k'.repeat(255), true],
    ['empty', '', false],
    ['256 characters', 'k'.repeat(256), false],
    ['a space', 'my key', false],
    ['non-ASCII', 'clé', false],
  ])('accepts %s as a key: %p', (_case, key, valid) => {
    expect(isValidIdempotencyKey(key, 255)).toBe(valid);
  });
});
