import { createHash } from 'node:crypto';

export interface VerificationCacheOptions {
  /** How long a successful verification is trusted; 0 turns the cache off. */
  readonly ttlMs: number;
  readonly maxEntries: number;
}

/**
 * Successful verifications, in this process's memory only, keyed by key id and the SHA-256 of the
 * secret presented: a wrong secret for a cached key id never hits, and the secret itself is not
 * kept. SHA-256 (fast) is enough here, unlike for the stored hash: the secrets are 238-bit random
 * strings, not guessable passwords, and the digest never leaves the process. Failures are not
 * cached, so a flood of bad secrets cannot crowd out good entries. Revocation clears this
 * process's entries at once; another process trusts its entry for at most `ttlMs`.
 */
export class VerificationCache {
  private readonly entries = new Map<string, { accountId: string; expiresAt: number }>();

  constructor(
    private readonly options: VerificationCacheOptions,
    private readonly now: () => number = Date.now,
  ) {}

  get(keyId: string, secret: string): string | null {
    const key = verificationKey(keyId, secret);
    const entry = this.entries.get(key);
    if (entry === undefined) return null;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry.accountId;
  }

  set(keyId: string, secret: string, accountId: string): void {
    if (this.options.ttlMs <= 0 || this.options.maxEntries <= 0) return;
    const key = verificationKey(keyId, secret);
    this.entries.delete(key);
    // A Map iterates in insertion order: the first entry is the oldest.
    while (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(key, { accountId, expiresAt: this.now() + this.options.ttlMs });
  }

  forgetKey(keyId: string): void {
    const prefix = `${keyId}:`;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The key id and the SHA-256 of the secret: what identifies one presented credential pair. */
export const verificationKey = (keyId: string, secret: string): string =>
  `${keyId}:${createHash('sha256').update(secret).digest('base64')}`;
