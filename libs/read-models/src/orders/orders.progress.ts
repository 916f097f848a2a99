import { ProjectionStreamEntity } from '@trading/persistence';
import { DataSource } from 'typeorm';
import { accountStreamId } from '../events/account-event';

/** How far the orders projection has got in an account's stream: read-your-writes for the gateway. */
export class OrdersProgress {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projection = 'orders',
  ) {}

  /** The last seq of the account's stream applied to the orders tables; 0 when none. */
  async lastAppliedSeq(accountId: string): Promise<number> {
    const row = await this.dataSource
      .getRepository(ProjectionStreamEntity)
      .findOneBy({ projection: this.projection, streamId: accountStreamId(accountId) });
    return row ? Number(row.lastSeq) : 0;
  }
}
