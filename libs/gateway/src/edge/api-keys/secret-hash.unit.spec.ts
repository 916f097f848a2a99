import { DEFAULT_SCRYPT_PARAMS, hashSecret, parseHash, ScryptParams, verifySecret } from './secret-hash';

const cheap: ScryptParams = { ...DEFAULT_SCRYPT_PARAMS, log2N: 10 };

describe('secret hashing (scrypt)', () => {
  it('verifies the secret it hashed, and nothing else', async () => {
    const stored = await hashSecret('s3cret-Secret-s3cret-Secret-s3cret-Secr');

    await expect(verifySecret('s3cret-Secret-s3cret-Secret-s3cret-Secr', stored)).resolves.toBe(true);
    await expect(verifySecret('s3cret-Secret-s3cret-Secret-s3cret-SecX', stored)).resolves.toBe(false);
    await expect(verifySecret('', stored)).resolves.toBe(false);
  });

  it('stores the parameters and a fresh salt with every hash, never the secret', async () => {
    const [first, second] = await Promise.all([hashSecret('same secret', cheap), hashSecret('same secret', cheap)]);

    expect(first).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(first).not.toEqual(second);
    expect(first).not.toContain('same secret');
    expect(parseHash(first)?.params).toEqual({ log2N: 10, r: 8, p: 1, saltBytes: 16, keyBytes: 32 });
  });

  it('verifies with the parameters stored in the hash, so the default can be raised later', async () => {
    const stored = await hashSecret('old key', { ...cheap, log2N: 11, r: 4 });

    await expect(verifySecret('old key', stored)).resolves.toBe(true);
  });

  it.each([
    ['empty', ''],
    ['another algorithm', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g'],
    ['cost beyond the bound', '$scrypt$ln=30,r=8,p=1$92OKPbu7oW55wSUzDB6YWQ$0ELOwaD4Av8JAAw0yCkyFbPjaUl5FrDum5zjZrrxE50'],
    ['salt too short', '$scrypt$ln=14,r=8,p=1$AAAA$0ELOwaD4Av8JAAw0yCkyFbPjaUl5FrDum5zjZrrxE50'],
    ['truncated', '$scrypt$ln=14,r=8,p=1$92OKPbu7oW55wSUzDB6YWQ'],
  ])('never matches a malformed stored hash (%s)', async (_case, stored) => {
    await expect(verifySecret('anything', stored)).resolves.toBe(false);
  });
});
