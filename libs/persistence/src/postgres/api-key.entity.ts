import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One API key of the REST gateway. The secret itself is never stored, only its scrypt hash. */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  /** Public, shown to the trader (`APCA-API-KEY-ID`). */
  @PrimaryColumn({ name: 'key_id', type: 'varchar', length: 20 })
  keyId!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 128 })
  accountId!: string;

  /** PHC string: `$scrypt$ln=14,r=8,p=1$<salt>$<hash>` (base64, unpadded). */
  @Column({ name: 'secret_hash', type: 'varchar', length: 255 })
  secretHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
