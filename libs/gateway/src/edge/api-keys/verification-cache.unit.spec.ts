import { VerificationCache } from './verification-cache';

class ManualClock {
  constructor(public ms = 1_000_000) {}
  readonly now = (): number => this.ms;
}

describe('VerificationCache', () => {
  it('answers for the same key id and secret only', () => {
    const cache = new VerificationCache({ ttlMs: 1000, maxEntries: 10 });
    cache.set('PKAAAAAAAAAAAAAAAAAA', 'right secret', 'acc-1');

    expect(cache.get('PKAAAAAAAAAAAAAAAAAA', 'right secret')).toBe('acc-1');
    expect(cache.get('PKAAAAAAAAAAAAAAAAAA', 'wrong secret')).toBeNull();
    expect(cache.get('PKBBBBBBBBBBBBBBBBBB', 'right secret')).toBeNull();
  });

  it('forgets an entry once its time is up', () => {
    const clock = new ManualClock();
    const cache = new VerificationCache({ ttlMs: 1000, maxEntries: 10 }, clock.now);
    cache.set('PKAAAAAAAAAAAAAAAAAA', 'secret', 'acc-1');

    clock.ms += 999;
    expect(cache.get('PKAAAAAAAAAAAAAAAAAA', 'secret')).toBe('acc-1');
    clock.ms += 1;
    expect(cache.get('PKAAAAAAAAAAAAAAAAAA', 'secret')).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('forgets every entry of a revoked key at once', () => {
    const cache = new VerificationCache({ ttlMs: 1000, maxEntries: 10 });
    cache.set('PKAAAAAAAAAAAAAAAAAA', 'secret', 'acc-1');
    cache.set('PKBBBBBBBBBBBBBBBBBB', 'secret', 'acc-2');

    cache.forgetKey('PKAAAAAAAAAAAAAAAAAA');

    expect(cache.get('PKAAAAAAAAAAAAAAAAAA', 'secret')).toBeNull();
    expect(cache.get('PKBBBBBBBBBBBBBBBBBB', 'secret')).toBe('acc-2');
  });

  it('stays within its size, dropping the oldest entry first', () => {
    const cache = new VerificationCache({ ttlMs: 1000, maxEntries: 2 });
    cache.set('PK000000000000000001', 's', 'acc-1');
    cache.set('PK000000000000000002', 's', 'acc-2');
    cache.set('PK000000000000000003', 's', 'acc-3');

    expect(cache.size).toBe(2);
    expect(cache.get('PK000000000000000001', 's')).toBeNull();
    expect(cache.get('PK000000000000000003', 's')).toBe('acc-3');
  });

  it('keeps nothing when its TTL is 0', () => {
    const cache = new VerificationCache({ ttlMs: 0, maxEntries: 10 });
    cache.set('PKAAAAAAAAAAAAAAAAAA', 'secret', 'acc-1');

    expect(cache.get('PKAAAAAAAAAAAAAAAAAA', 'secret')).toBeNull();
  });
});
