import { Client } from 'pg';

/**
 * A database of its own on the shared PostgreSQL server, so the API keys of the run's accounts
 * leave nothing behind: the services run their migrations into it, `drop` removes it.
 */
export class BenchDatabase {
  readonly url: string;
  private readonly adminUrl: string;

  constructor(
    serverUrl: string,
    readonly name: string,
  ) {
    this.url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
    this.adminUrl = Object.assign(new URL(serverUrl), { pathname: '/postgres' }).toString();
  }

  async create(): Promise<void> {
    await this.admin(`CREATE DATABASE "${this.name}"`);
  }

  async drop(): Promise<void> {
    await this.admin(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`);
  }

  private async admin(sql: string): Promise<void> {
    const client = new Client({ connectionString: this.adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}
