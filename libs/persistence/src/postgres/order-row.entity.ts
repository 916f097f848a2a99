import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One order as the orders projection keeps it. Decimals are strings (`numeric` keeps their exact
 * text); `risk`, `executionIds`, `venueStatus`, `cancelPending`, `filledNotional` and
 * `reservedCash` are kept so the domain's evolve can fold the next event into the row.
 */
@Entity({ name: 'orders' })
export class OrderRowEntity {
  @PrimaryColumn({ name: 'order_id', type: 'varchar', length: 128 })
  orderId!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 128 })
  accountId!: string;

  @Column({ name: 'client_order_id', type: 'varchar', length: 128 })
  clientOrderId!: string;

  @Column({ type: 'varchar', length: 32 })
  symbol!: string;

  @Column({ type: 'varchar', length: 4 })
  side!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: string;

  @Column({ name: 'time_in_force', type: 'varchar', length: 8 })
  timeInForce!: string;

  @Column({ type: 'numeric', nullable: true })
  qty!: string | null;

  @Column({ type: 'numeric', nullable: true })
  notional!: string | null;

  @Column({ name: 'limit_price', type: 'numeric', nullable: true })
  limitPrice!: string | null;

  @Column({ name: 'stop_price', type: 'numeric', nullable: true })
  stopPrice!: string | null;

  @Column({ type: 'varchar', length: 20 })
  status!: string;

  @Column({ name: 'venue_status', type: 'varchar', length: 8, nullable: true })
  venueStatus!: string | null;

  @Column({ name: 'cancel_pending', type: 'boolean' })
  cancelPending!: boolean;

  @Column({ name: 'filled_qty', type: 'numeric' })
  filledQty!: string;

  @Column({ name: 'filled_notional', type: 'numeric' })
  filledNotional!: string;

  @Column({ name: 'filled_avg_price', type: 'numeric', nullable: true })
  filledAvgPrice!: string | null;

  @Column({ name: 'reserved_cash', type: 'numeric' })
  reservedCash!: string;

  @Column({ name: 'execution_ids', type: 'text', array: true })
  executionIds!: string[];

  @Column({ type: 'jsonb' })
  risk!: object;

  @Column({ type: 'varchar', length: 128, nullable: true })
  replaces!: string | null;

  @Column({ name: 'replaced_by', type: 'varchar', length: 128, nullable: true })
  replacedBy!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'filled_at', type: 'timestamptz', nullable: true })
  filledAt!: Date | null;

  @Column({ name: 'canceled_at', type: 'timestamptz', nullable: true })
  canceledAt!: Date | null;

  @Column({ name: 'expired_at', type: 'timestamptz', nullable: true })
  expiredAt!: Date | null;

  @Column({ name: 'replaced_at', type: 'timestamptz', nullable: true })
  replacedAt!: Date | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt!: Date | null;

  @Column({ name: 'stream_id', type: 'varchar', length: 128 })
  streamId!: string;

  /** The stream seq of the last event that changed this row; bigint arrives as a string. */
  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq!: string;
}
