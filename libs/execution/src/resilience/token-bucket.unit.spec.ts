import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('grants the burst at once, then makes the next call wait for the next token', () => {
    const bucket = new TokenBucket(10, 2, 1000);

    expect([bucket.reserve(0), bucket.reserve(0), bucket.reserve(0)]).toEqual([
      { ok: true, waitMs: 0 },
      { ok: true, waitMs: 0 },
      { ok: true, waitMs: 100 },
    ]);
  });

  it('refuses, taking nothing, a call that would wait longer than allowed', () => {
    const bucket = new TokenBucket(1, 1, 500);
    bucket.reserve(0);

    expect(bucket.reserve(0)).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(bucket.reserve(1000)).toEqual({ ok: true, waitMs: 0 });
  });

  it('refills with time, never beyond the burst', () => {
    const bucket = new TokenBucket(10, 2, 0);
    bucket.reserve(0);
    bucket.reserve(0);

    expect(bucket.reserve(60_000)).toEqual({ ok: true, waitMs: 0 });
    expect(bucket.reserve(60_000)).toEqual({ ok: true, waitMs: 0 });
    expect(bucket.reserve(60_000)).toMatchObject({ ok: false });
  });
});
