import { createHash } from 'node:crypto';
import { Order } from '@trading/domain';
import Redis from 'ioredis';
import { TradeUpdateEvent } from '../updates/trade-update';
import { APPEND_UPDATES_SCRIPT } from './append-updates.script';
import { StreamEntry } from './stream-entry';
import { parseStreamPosition, redisEntryId, StreamPosition } from './stream-position';
import { TradeUpdatesKeys } from './trade-updates.keys';

export interface AccountOrders {
  readonly lastSeq: number;
  readonly orders: ReadonlyMap<string, Order>;
}

export interface Backlog {
  readonly entries: readonly StreamEntry[];
  /** The id of the entry before the first one returned: past the reader's position when trimming took entries it missed. */
  readonly previous: StreamPosition | null;
  /** More entries follow: read again after the last one. */
  readonly more: boolean;
}

/** One account event's outcome, for `appendAll`. */
export interface Append {
  readonly accountId: string;
  readonly seq: number;
  readonly changed: readonly Order[];
  readonly entries: readonly StreamEntry[];
}

/** Bounds one pipeline (and the time Redis spends on it before serving anyone else). */
const MAX_APPENDS_PER_ROUND_TRIP = 256;

const isNoScript = (error: Error | null): boolean => error instanceof Error && error.message.startsWith('NOSCRIPT');

function appliedOf([error, reply]: [Error | null, unknown]): boolean {
  if (error) throw error;
  return reply === 1;
}

const APPEND_UPDATES_SHA1 = createHash('sha1').update(APPEND_UPDATES_SCRIPT).digest('hex');

/** The notifier's and the gateways' view of the per-account trade-update keys in Redis. */
export class TradeUpdatesStore {
  constructor(
    private readonly redis: Redis,
    readonly keys: TradeUpdatesKeys,
    /** Entries kept per account (approximately: `MAXLEN ~`). */
    private readonly retention: number,
  ) {}

  async load(accountId: string, orderIds: readonly string[]): Promise<AccountOrders> {
    const pipeline = this.redis.pipeline().get(this.keys.seq(accountId));
    if (orderIds.length > 0) pipeline.hmget(this.keys.orders(accountId), ...orderIds);
    const results = (await pipeline.exec()) ?? [];
    for (const [error] of results) if (error) throw error;
    const lastSeq = Number((results[0]?.[1] as string | null) ?? '0');
    const jsons = (results[1]?.[1] as (string | null)[] | undefined) ?? [];
    const orders = new Map<string, Order>();
    jsons.forEach((json, index) => {
      const orderId = orderIds[index];
      if (json !== null && orderId !== undefined) orders.set(orderId, JSON.parse(json) as Order);
    });
    return { lastSeq, orders };
  }

  /** False when `seq` was applied before: nothing was written or published. */
  async append(accountId: string, seq: number, changed: readonly Order[], entries: readonly StreamEntry[]): Promise<boolean> {
    const [applied] = await this.appendAll([{ accountId, seq, changed, entries }]);
    return applied === true;
  }

  /**
   * Several appends in one round trip, applied in order; per append, false when its seq was
   * applied before. By the script's SHA-1, as Redis caches scripts: after a NOSCRIPT (a restarted
   * or flushed Redis) the script is loaded and the appends from the first refused one on are sent again.
   */
  async appendAll(appends: readonly Append[]): Promise<boolean[]> {
    const results: boolean[] = [];
    for (let start = 0; start < appends.length; start += MAX_APPENDS_PER_ROUND_TRIP) {
      results.push(...(await this.appendChunk(appends.slice(start, start + MAX_APPENDS_PER_ROUND_TRIP))));
    }
    return results;
  }

  private async appendChunk(appends: readonly Append[]): Promise<boolean[]> {
    const replies = await this.sendAppends(appends);
    const missing = replies.findIndex(([error]) => isNoScript(error));
    if (missing === -1) return replies.map(appliedOf);
    await this.redis.script('LOAD', APPEND_UPDATES_SCRIPT);
    const retried = await this.sendAppends(appends.slice(missing));
    return [...replies.slice(0, missing), ...retried].map(appliedOf);
  }

  private async sendAppends(appends: readonly Append[]): Promise<[Error | null, unknown][]> {
    const pipeline = this.redis.pipeline();
    for (const { accountId, seq, changed, entries } of appends) {
      const args: (string | number)[] = [seq, this.retention, this.keys.channel(accountId), changed.length];
      for (const order of changed) args.push(order.orderId, JSON.stringify(order));
      for (const entry of entries) args.push(redisEntryId(entry.position), entry.event, entry.data);
      pipeline.evalsha(APPEND_UPDATES_SHA1, 3, this.keys.seq(accountId), this.keys.orders(accountId), this.keys.stream(accountId), ...args);
    }
    return (await pipeline.exec()) ?? [];
  }

  /** Entries strictly after `after`, in order, at most `count`. */
  async readAfter(accountId: string, after: StreamPosition, count: number): Promise<Backlog> {
    const rows = await this.redis.xrange(this.keys.stream(accountId), `(${redisEntryId(after)}`, '+', 'COUNT', count);
    const field = (fields: string[], name: string) => fields[fields.indexOf(name) + 1];
    const entries = rows.flatMap(([id, fields]) => {
      const position = parseStreamPosition(id);
      const event = field(fields, 'e');
      const data = field(fields, 'd');
      return position && event && data ? [{ position, event: event as TradeUpdateEvent, data }] : [];
    });
    const first = rows[0];
    const previous = first ? parseStreamPosition(field(first[1], 'p') ?? '') : null;
    return { entries, previous, more: rows.length === count };
  }
}
