import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CodedError } from '@trading/domain';
import { ApiKeyEntity } from '@trading/persistence';
import { IsNull, Repository } from 'typeorm';
import { API_KEYS_OPTIONS, ApiKeysOptions } from '../gateway-edge.options';
import { generateKeyId, generateSecretKey, isKeyId, MAX_SECRET_KEY_LENGTH } from './api-key-credentials';
import { hashSecret, verifySecret } from './secret-hash';
import { VerificationCache, verificationKey } from './verification-cache';

/** What a new key looks like the one time its secret is shown. */
export interface IssuedApiKey {
  readonly accountId: string;
  readonly keyId: string;
  readonly secretKey: string;
  readonly createdAt: Date;
}

export type RevokeOutcome = 'revoked' | 'already-revoked' | 'not-found';

/** The spelling of account ids on the wire and in the event envelope. */
export const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9._:@/-]{1,128}$/;

export class InvalidAccountIdError extends CodedError {
  readonly code = 'ACCOUNT.INVALID_ID';

  constructor() {
    super('account id must be 1 to 128 letters, digits or . _ : @ / -');
  }
}

/**
 * Issues, verifies and revokes API keys. Secrets are generated here, returned once by `create`,
 * and only their scrypt hash is stored; nothing here logs a secret.
 */
@Injectable()
export class ApiKeyService {
  private readonly cache: VerificationCache;
  /** Hashed once, lazily: unknown keys are checked against it so they take as long as known ones. */
  private decoyHash: Promise<string> | undefined;
  /** Verifications running now, by credential pair: a burst with a cold key shares one scrypt. */
  private readonly verifying = new Map<string, Promise<string | null>>();

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    @Inject(API_KEYS_OPTIONS) private readonly options: ApiKeysOptions,
  ) {
    this.cache = new VerificationCache(options.cache);
  }

  async create(accountId: string): Promise<IssuedApiKey> {
    if (!ACCOUNT_ID_PATTERN.test(accountId)) throw new InvalidAccountIdError();
    const keyId = generateKeyId();
    const secretKey = generateSecretKey();
    const secretHash = await hashSecret(secretKey, this.options.scrypt);
    const inserted = await this.keys.insert({ keyId, accountId, secretHash });
    const generated = inserted.generatedMaps[0] as Partial<ApiKeyEntity> | undefined;
    return { accountId, keyId, secretKey, createdAt: generated?.createdAt ?? new Date() };
  }

  /** The account a live key belongs to, or null: unknown key, wrong secret and revoked key alike. */
  async verify(keyId: string, secretKey: string): Promise<string | null> {
    if (!isKeyId(keyId) || secretKey.length === 0 || secretKey.length > MAX_SECRET_KEY_LENGTH) return null;
    const cached = this.cache.get(keyId, secretKey);
    if (cached !== null) return cached;
    // Without this, every request of a burst that arrives before the first verification ends
    // runs its own 16 MiB scrypt on libuv's four threads, and the queue grows faster than it drains.
    const pair = verificationKey(keyId, secretKey);
    const running = this.verifying.get(pair);
    if (running) return running;
    const verification = this.verifyUncached(keyId, secretKey).finally(() => this.verifying.delete(pair));
    this.verifying.set(pair, verification);
    return verification;
  }

  private async verifyUncached(keyId: string, secretKey: string): Promise<string | null> {
    const row = await this.keys.findOne({
      where: { keyId, revokedAt: IsNull() },
      select: { keyId: true, accountId: true, secretHash: true },
    });
    if (row === null) {
      await verifySecret(secretKey, await this.decoy());
      return null;
    }
    if (!(await verifySecret(secretKey, row.secretHash))) return null;
    this.cache.set(keyId, secretKey, row.accountId);
    return row.accountId;
  }

  /** Effective at once in this process; other processes' caches forget the key within their TTL. */
  async revoke(keyId: string): Promise<RevokeOutcome> {
    this.cache.forgetKey(keyId);
    const result = await this.keys
      .createQueryBuilder()
      .update(ApiKeyEntity)
      .set({ revokedAt: () => 'now()' })
      .where('key_id = :keyId AND revoked_at IS NULL', { keyId })
      .execute();
    // A verification in flight during the update may have cached the key again.
    this.cache.forgetKey(keyId);
    if ((result.affected ?? 0) > 0) return 'revoked';
    return (await this.keys.existsBy({ keyId })) ? 'already-revoked' : 'not-found';
  }

  private decoy(): Promise<string> {
    this.decoyHash ??= hashSecret(generateSecretKey(), this.options.scrypt);
    return this.decoyHash;
  }
}
