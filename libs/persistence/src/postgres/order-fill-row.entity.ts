import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One execution of an order; the broker's execution id is unique. */
@Entity({ name: 'order_fills' })
export class OrderFillRowEntity {
  @PrimaryColumn({ name: 'execution_id', type: 'varchar', length: 128 })
  executionId!: string;

  @Column({ name: 'order_id', type: 'varchar', length: 128 })
  orderId!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 128 })
  accountId!: string;

  @Column({ type: 'varchar', length: 32 })
  symbol!: string;

  @Column({ type: 'varchar', length: 4 })
  side!: string;

  @Column({ type: 'numeric' })
  qty!: string;

  @Column({ type: 'numeric' })
  price!: string;

  /** Null when the broker's report did not say (fill events of schema v1). */
  @Column({ type: 'varchar', length: 128, nullable: true })
  venue!: string | null;

  @Column({ name: 'executed_at', type: 'timestamptz', nullable: true })
  executedAt!: Date | null;

  /** When the OMS recorded the fill (the event's decision time). */
  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'stream_id', type: 'varchar', length: 128 })
  streamId!: string;

  @Column({ type: 'bigint' })
  seq!: string;
}
