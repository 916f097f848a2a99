import { BenchAccount } from '../accounts/bench-account';
import { SseConnection, SseEvent } from './sse-connection';

/** Where an event arrived: the account, and which of its connections. */
export interface FleetDelivery {
  readonly accountId: string;
  readonly connection: number;
  readonly event: SseEvent;
}

/**
 * Many `GET /v2/events/trades` connections held at once from this process, spread round-robin
 * over accounts; every event of every connection goes to `onEvent`.
 */
export class SseFleet {
  private readonly connections: { readonly accountId: string; readonly connection: SseConnection }[] = [];
  private readonly perAccount = new Map<string, number>();
  private droppedCount = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly onEvent: (delivery: FleetDelivery) => void,
  ) {}

  /** Opens connections until `total` are held, `concurrency` handshakes at a time; returns the failures. */
  async growTo(total: number, accounts: readonly BenchAccount[], concurrency = 64): Promise<{ readonly failed: number; readonly firstError: string | null }> {
    let failed = 0;
    let firstError: string | null = null;
    let next = this.connections.length;
    const target = total;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < target) {
          const account = accounts[next % accounts.length] as BenchAccount;
          next += 1;
          const index = this.perAccount.get(account.accountId) ?? 0;
          this.perAccount.set(account.accountId, index + 1);
          const connection = SseConnection.open(
            this.baseUrl,
            account,
            (event) => this.onEvent({ accountId: account.accountId, connection: index, event }),
            () => (this.droppedCount += 1),
          );
          try {
            await connection.opened;
            this.connections.push({ accountId: account.accountId, connection });
          } catch (error) {
            failed += 1;
            firstError ??= error instanceof Error ? error.message : String(error);
            connection.close();
          }
        }
      }),
    );
    return { failed, firstError };
  }

  /** Connections of one account this fleet opened (live or not). */
  connectionsOf(accountId: string): number {
    return this.connections.filter((c) => c.accountId === accountId).length;
  }

  get size(): number {
    return this.connections.length;
  }

  get live(): number {
    return this.connections.reduce((n, c) => n + (c.connection.live ? 1 : 0), 0);
  }

  /** Connections the server ended while the fleet held them. */
  get dropped(): number {
    return this.droppedCount;
  }

  close(): void {
    for (const { connection } of this.connections) connection.close();
    this.connections.length = 0;
  }
}
