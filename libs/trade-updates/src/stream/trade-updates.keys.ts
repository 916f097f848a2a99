/**
 * Redis names of one account's trade updates. The `{accountId}` hash tag keeps an account's keys
 * on one Redis Cluster slot, so the append script can touch them together.
 */
export class TradeUpdatesKeys {
  constructor(private readonly prefix: string) {}

  /** Last account seq the notifier applied (its dedupe guard). */
  seq = (accountId: string): string => `${this.prefix}trade-updates:{${accountId}}:seq`;

  /** Order id to the domain `Order` JSON, as of `seq`. */
  orders = (accountId: string): string => `${this.prefix}trade-updates:{${accountId}}:orders`;

  /** The Redis Stream of updates (entry id `<seq>-<index>`), trimmed to about the retention. */
  stream = (accountId: string): string => `${this.prefix}trade-updates:{${accountId}}:stream`;

  /** The pub/sub channel the gateways listen on while the account has clients. */
  channel = (accountId: string): string => `${this.prefix}trade-updates:{${accountId}}:live`;

  accountOfChannel(channel: string): string | null {
    const head = `${this.prefix}trade-updates:{`;
    if (!channel.startsWith(head) || !channel.endsWith('}:live')) return null;
    return channel.slice(head.length, -'}:live'.length);
  }
}
