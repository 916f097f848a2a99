import { Clock } from '@trading/domain';
import { OrderEventRowEntity, OrderFillRowEntity, OrderRowEntity, ProjectionStreamEntity } from '@trading/persistence';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { AccountEventEnvelope, isAccountEvent, orderIdsOf } from '../events/account-event';
import { DeadLetterSink, ProjectionBatch, ProjectionStore } from '../runtime/projection-store.port';
import { bulkInsert } from '../runtime/bulk-insert.statement';
import { toOrder } from './order-row';
import { ORDERS_SWITCH_LOCK } from './orders-switch.lock';
import { LoadedOrder, projectOrders } from './orders.projection';

const ORDER_COLUMNS = [
  'client_order_id', 'symbol', 'side', 'type', 'time_in_force', 'qty', 'notional', 'limit_price', 'stop_price', 'status',
  'venue_status', 'cancel_pending', 'filled_qty', 'filled_notional', 'filled_avg_price', 'reserved_cash', 'execution_ids',
  'risk', 'replaces', 'replaced_by', 'submitted_at', 'updated_at', 'filled_at', 'canceled_at', 'expired_at', 'replaced_at',
  'failed_at', 'stream_id', 'last_seq',
];

const IGNORE = { ignore: true } as const;

/**
 * The orders read model in PostgreSQL. One transaction per batch holds the rows, each stream's
 * last applied seq (locked first, so two instances briefly owning a partition serialize) and the
 * partition checkpoint: data and position never disagree.
 */
export class OrdersStore implements ProjectionStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    readonly name = 'orders',
    /** False only for a rebuild's own store, which must not wait on the switch it leads to. */
    private readonly takesSwitchLock = true,
  ) {}

  async apply(batch: ProjectionBatch, deadLetter: DeadLetterSink): Promise<void> {
    const records = batch.records.filter((record) => isAccountEvent(record.envelope));
    await this.dataSource.transaction(async (manager) => {
      if (this.takesSwitchLock) await manager.query('SELECT pg_advisory_xact_lock_shared($1)', [ORDERS_SWITCH_LOCK]);
      const events = records.map((record) => record.envelope as AccountEventEnvelope);
      const lastSeqs = await this.lockStreams(manager, events);
      const orders = await this.loadOrders(manager, events);
      const changes = projectOrders({ events, lastSeqs, orders });
      for (const failure of changes.unappliable) {
        const record = records.find((candidate) => candidate.envelope === failure.envelope);
        if (record) await deadLetter(record, { code: 'MESSAGING.PROCESSING_FAILED', reason: `${failure.code}: ${failure.reason}` });
      }
      const now = this.clock.now();
      await bulkInsert(manager, OrderRowEntity, changes.orders, { key: ['order_id'], update: ORDER_COLUMNS });
      await bulkInsert(manager, OrderFillRowEntity, changes.fills, IGNORE);
      await bulkInsert(manager, OrderEventRowEntity, changes.timeline, IGNORE);
      if (changes.streams.length > 0) {
        await manager.query(
          `UPDATE projection_streams AS s SET last_seq = v.last_seq, updated_at = $2
           FROM unnest($3::varchar[], $4::bigint[]) AS v(stream_id, last_seq)
           WHERE s.projection = $1 AND s.stream_id = v.stream_id`,
          [this.name, now, changes.streams.map((stream) => stream.streamId), changes.streams.map((stream) => String(stream.lastSeq))],
        );
      }
      await manager.query(
        `INSERT INTO projection_checkpoints (projection, topic, partition, next_offset, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (projection, topic, partition)
         DO UPDATE SET next_offset = GREATEST(projection_checkpoints.next_offset, EXCLUDED.next_offset), updated_at = EXCLUDED.updated_at`,
        [this.name, batch.topic, batch.partition, batch.nextOffset, now],
      );
    });
  }

  /** Class 22 (data exception) and 23 (integrity constraint violation): the same data fails again. */
  isPermanent(error: unknown): boolean {
    const code = error instanceof QueryFailedError ? (error.driverError as { code?: unknown }).code : undefined;
    return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
  }

  /** Locks the batch's stream rows in a fixed order (no deadlock between instances); returns their seqs. */
  private async lockStreams(manager: EntityManager, events: readonly AccountEventEnvelope[]): Promise<Map<string, number>> {
    const streams = new Map(events.map((event) => [event.streamId, event.accountId]));
    if (streams.size === 0) return new Map();
    const ids = [...streams.keys()].sort();
    const now = this.clock.now();
    const created = ids.map((streamId): ProjectionStreamEntity => ({ projection: this.name, streamId, accountId: streams.get(streamId) ?? '', lastSeq: '0', updatedAt: now }));
    await bulkInsert(manager, ProjectionStreamEntity, created, IGNORE);
    const rows = await manager.query<{ stream_id: string; last_seq: string }[]>(
      'SELECT stream_id, last_seq FROM projection_streams WHERE projection = $1 AND stream_id = ANY($2) ORDER BY stream_id FOR UPDATE',
      [this.name, ids],
    );
    return new Map(rows.map((row) => [row.stream_id, Number(row.last_seq)]));
  }

  private async loadOrders(manager: EntityManager, events: readonly AccountEventEnvelope[]): Promise<Map<string, LoadedOrder>> {
    const ids = [...new Set(events.flatMap((event) => orderIdsOf(event.payload)))];
    if (ids.length === 0) return new Map();
    const rows = await manager.findBy(OrderRowEntity, { orderId: In(ids) });
    return new Map(rows.map((row) => [row.orderId, { accountId: row.accountId, order: toOrder(row) }]));
  }
}
