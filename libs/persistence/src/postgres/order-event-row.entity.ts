import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One entry of an order's timeline: an event of its account stream that concerns the order. */
@Entity({ name: 'order_events' })
export class OrderEventRowEntity {
  @PrimaryColumn({ name: 'order_id', type: 'varchar', length: 128 })
  orderId!: string;

  @PrimaryColumn({ name: 'stream_id', type: 'varchar', length: 128 })
  streamId!: string;

  @PrimaryColumn({ type: 'bigint' })
  seq!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 128 })
  accountId!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'varchar', length: 128 })
  type!: string;

  @Column({ name: 'schema_version', type: 'integer' })
  schemaVersion!: number;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'correlation_id', type: 'varchar', length: 128 })
  correlationId!: string;

  @Column({ name: 'causation_id', type: 'varchar', length: 128, nullable: true })
  causationId!: string | null;

  @Column({ type: 'jsonb' })
  payload!: object;
}
