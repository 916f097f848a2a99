import { Order } from '@trading/domain';
import { OrderRowEntity } from '@trading/persistence';
import { DataSource } from 'typeorm';
import { toOrder } from '../orders/order-row';
import { CLOSED_STATUSES, OPEN_STATUSES, OrderListFilter } from './order-list.filter';

/**
 * Order reads from the orders read model in PostgreSQL, always within one account. Every filter
 * runs in SQL on the `(account_id, status, submitted_at, order_id)` and
 * `(account_id, submitted_at, order_id)` indexes; an order of another account is simply absent.
 */
export class OrdersQueryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(accountId: string, filter: OrderListFilter): Promise<Order[]> {
    const query = this.rows().where('o.account_id = :accountId', { accountId });
    if (filter.status !== 'all') {
      query.andWhere('o.status IN (:...statuses)', { statuses: filter.status === 'open' ? OPEN_STATUSES : CLOSED_STATUSES });
    }
    if (filter.symbols !== null) query.andWhere('o.symbol IN (:...symbols)', { symbols: filter.symbols });
    if (filter.side !== null) query.andWhere('o.side = :side', { side: filter.side });
    if (filter.after !== null) query.andWhere('o.submitted_at > :after', { after: filter.after });
    if (filter.until !== null) query.andWhere('o.submitted_at < :until', { until: filter.until });
    const direction = filter.direction === 'asc' ? 'ASC' : 'DESC';
    const rows = await query.orderBy('o.submitted_at', direction).addOrderBy('o.order_id', direction).limit(filter.limit).getMany();
    return rows.map(toOrder);
  }

  async byId(accountId: string, orderId: string): Promise<Order | null> {
    const row = await this.rows().where('o.account_id = :accountId AND o.order_id = :orderId', { accountId, orderId }).getOne();
    return row ? toOrder(row) : null;
  }

  async byClientOrderId(accountId: string, clientOrderId: string): Promise<Order | null> {
    // unique per account: the OMS refuses a duplicate client order id
    const row = await this.rows().where('o.account_id = :accountId AND o.client_order_id = :clientOrderId', { accountId, clientOrderId }).getOne();
    return row ? toOrder(row) : null;
  }

  private rows() {
    return this.dataSource.getRepository(OrderRowEntity).createQueryBuilder('o');
  }
}
