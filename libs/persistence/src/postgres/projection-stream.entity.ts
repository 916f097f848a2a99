import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How far a projection has got in one event stream (an account's): the last `seq` it applied.
 * Written in the same transaction as the rows, so an event is applied once however often it
 * arrives; readers use it for read-your-writes.
 */
@Entity({ name: 'projection_streams' })
export class ProjectionStreamEntity {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  projection!: string;

  @PrimaryColumn({ name: 'stream_id', type: 'varchar', length: 128 })
  streamId!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 128 })
  accountId!: string;

  /** bigint arrives as a string. */
  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
