import { formatMoney, formatQty, dec } from '@trading/domain';
import { DataSource } from 'typeorm';
import { OpenOrderHolds } from './open-order-holds';
import { OPEN_STATUSES } from './order-list.filter';

/**
 * The holds of an account's open orders, summed in PostgreSQL from the orders read model. The
 * positions read model in DynamoDB keeps cash but not reservations; the OMS's buying power is
 * cash minus exactly this `reservedCash` (see the domain's `buyingPower`).
 */
export class OpenOrderHoldsQueryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async holds(accountId: string): Promise<OpenOrderHolds> {
    const rows = await this.dataSource.query<{ symbol: string; side: string; reserved: string; open_qty: string }[]>(
      `SELECT symbol, side, SUM(reserved_cash)::text AS reserved,
              SUM(GREATEST((risk->>'exposureQty')::numeric - filled_qty, 0))::text AS open_qty
         FROM orders
        WHERE account_id = $1 AND status = ANY($2)
        GROUP BY symbol, side`,
      [accountId, OPEN_STATUSES],
    );
    let reserved = dec('0');
    const openQty = new Map<string, { buy: string; sell: string }>();
    for (const row of rows) {
      reserved = reserved.plus(row.reserved);
      const held = openQty.get(row.symbol) ?? { buy: '0', sell: '0' };
      openQty.set(row.symbol, { ...held, [row.side === 'buy' ? 'buy' : 'sell']: formatQty(dec(row.open_qty)) });
    }
    return { reservedCash: formatMoney(reserved), openQty };
  }
}
