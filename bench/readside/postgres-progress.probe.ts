import { accountStreamId } from '@trading/read-models';
import { Client } from 'pg';
import { ProgressProbe } from './progress-probe';

/**
 * The orders projection's progress per account, straight from `projection_streams` in the run's
 * database (written in the same transaction as the order rows, so a seq seen here means the order
 * is visible to queries). One query per poll, on the primary key.
 */
export class PostgresProgressProbe implements ProgressProbe {
  readonly store = 'postgres';

  private constructor(private readonly client: Client) {}

  static async connect(databaseUrl: string): Promise<PostgresProgressProbe> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    return new PostgresProgressProbe(client);
  }

  async lastSeqs(accountIds: readonly string[]): Promise<ReadonlyMap<string, number>> {
    const { rows } = await this.client.query<{ account_id: string; last_seq: string }>(
      `SELECT account_id, last_seq FROM projection_streams WHERE projection = 'orders' AND stream_id = ANY($1::text[])`,
      [accountIds.map((id) => accountStreamId(id))],
    );
    return new Map(rows.map((row) => [row.account_id, Number(row.last_seq)]));
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
