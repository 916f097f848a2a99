import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys of the REST gateway. Only a scrypt hash of each secret is kept (PHC string: algorithm,
 * parameters, salt, hash), so the cost can be raised later without a schema change. A key is
 * revoked by stamping `revoked_at`; rows are never deleted, so a key id is never reissued.
 */
export class CreateApiKeys1795315700000 implements MigrationInterface {
  name = 'CreateApiKeys1795315700000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE api_keys (
        key_id      varchar(20)  PRIMARY KEY CHECK (key_id ~ '^[A-Z0-9]{20}$'),
        account_id  varchar(128) NOT NULL CHECK (account_id ~ '^[A-Za-z0-9._:@/-]{1,128}$'),
        secret_hash varchar(255) NOT NULL CHECK (secret_hash LIKE '$scrypt$%'),
        created_at  timestamptz  NOT NULL DEFAULT now(),
        revoked_at  timestamptz  NULL,
        CHECK (revoked_at IS NULL OR revoked_at >= created_at)
      )`);
    await runner.query('CREATE INDEX api_keys_account_id_idx ON api_keys (account_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE api_keys');
  }
}
