import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Where a projection has got to in one Kafka partition. Written in the same transaction as the
 * rows the projection changes, so data and position can never disagree.
 */
@Entity({ name: 'projection_checkpoints' })
export class ProjectionCheckpointEntity {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  projection!: string;

  @PrimaryColumn({ type: 'varchar', length: 249 })
  topic!: string;

  @PrimaryColumn({ type: 'integer' })
  partition!: number;

  /** The offset of the next record to apply; bigint arrives as a string, as Kafka offsets do. */
  @Column({ name: 'next_offset', type: 'bigint' })
  nextOffset!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
