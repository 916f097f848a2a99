import { generateKeyId, generateSecretKey, isKeyId } from './api-key-credentials';

describe('API key credentials', () => {
  it('key ids look like Alpaca paper keys: PK and 18 upper-case letters or digits', () => {
    const ids = Array.from({ length: 200 }, generateKeyId);

    for (const id of ids) expect(id).toMatch(/^PK[A-Z0-9]{18}$/);
    expect(ids.every(isKeyId)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('secrets are 40 letters and digits, each one different', () => {
    const secrets = Array.from({ length: 200 }, generateSecretKey);

    for (const secret of secrets) expect(secret).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(new Set(secrets).size).toBe(secrets.length);
  });

  it('draws every character of the alphabet', () => {
    const seen = new Set(Array.from({ length: 100 }, generateSecretKey).join(''));

    expect(seen.size).toBe(62);
  });

  it.each(['', 'pk1234567890abcdefgh', 'PK123', 'PK1234567890ABCDEFGH1', 'PK12345678-0ABCDEFGH'])('rejects %p as a key id', (id) => {
    expect(isKeyId(id)).toBe(false);
  });
});
