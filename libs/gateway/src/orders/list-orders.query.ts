import { isOpen, isOrderSide, Order, OrderSide } from '@trading/domain';
import { MalformedRequestError } from './order-refused.error';

/** `GET /v2/orders` as Alpaca defines it: filters on status, symbols, side and submission time. */
export interface ListOrdersQuery {
  readonly status: 'open' | 'closed' | 'all';
  readonly limit: number;
  /** Only orders submitted strictly after / strictly before these instants (epoch ms). */
  readonly after: number | null;
  readonly until: number | null;
  readonly direction: 'asc' | 'desc';
  readonly symbols: ReadonlySet<string> | null;
  readonly side: OrderSide | null;
  /** Roll multi-leg orders up under their parent; every order here is single-leg, so it changes nothing. */
  readonly nested: boolean;
}

export type RawListOrdersQuery = Readonly<Record<string, string | string[] | undefined>>;

const STATUSES = ['open', 'closed', 'all'] as const;
const MAX_LIMIT = 500;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const SYMBOL = /^[A-Z][A-Z0-9.]{0,9}$/;

/** Reads the query string, refusing with the field and the reason anything Alpaca would refuse. */
export function parseListOrdersQuery(raw: RawListOrdersQuery): ListOrdersQuery {
  const status = single(raw, 'status') ?? 'open';
  if (!(STATUSES as readonly string[]).includes(status)) fail('status', `must be one of ${STATUSES.join(', ')}`);
  const limitText = single(raw, 'limit') ?? '50';
  const limit = Number(limitText);
  if (!/^\d{1,4}$/.test(limitText) || limit < 1 || limit > MAX_LIMIT) fail('limit', `must be a whole number from 1 to ${MAX_LIMIT}`);
  const direction = single(raw, 'direction') ?? 'desc';
  if (direction !== 'asc' && direction !== 'desc') fail('direction', 'must be asc or desc');
  const side = single(raw, 'side') ?? null;
  if (side !== null && !isOrderSide(side)) fail('side', 'must be buy or sell');
  const nested = single(raw, 'nested') ?? 'false';
  if (nested !== 'true' && nested !== 'false') fail('nested', 'must be true or false');
  const after = instant(raw, 'after');
  const until = instant(raw, 'until');
  if (after !== null && until !== null && after >= until) fail('until', 'must be later than after');
  return {
    status: status as ListOrdersQuery['status'],
    limit,
    after,
    until,
    direction,
    symbols: symbols(raw),
    side: side,
    nested: nested === 'true',
  };
}

/** The orders the query selects, ordered by submission time (ties by id, so pages are stable). */
export function selectOrders(orders: readonly Order[], query: ListOrdersQuery): Order[] {
  const selected = orders
    .filter((o) => query.status === 'all' || (query.status === 'open') === isOpen(o.status))
    .filter((o) => query.symbols === null || query.symbols.has(o.symbol))
    .filter((o) => query.side === null || o.side === query.side)
    .filter((o) => query.after === null || Date.parse(o.submittedAt) > query.after)
    .filter((o) => query.until === null || Date.parse(o.submittedAt) < query.until)
    .sort((a, b) => compare(a.submittedAt, b.submittedAt) || compare(a.orderId, b.orderId));
  if (query.direction === 'desc') selected.reverse();
  return selected.slice(0, query.limit);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function single(raw: RawListOrdersQuery, field: string): string | undefined {
  const value = raw[field];
  if (Array.isArray(value)) fail(field, 'must be given once');
  return value;
}

function instant(raw: RawListOrdersQuery, field: string): number | null {
  const text = single(raw, field);
  if (text === undefined) return null;
  const ms = DATE_ONLY.test(text) ? Date.parse(`${text}T00:00:00Z`) : DATE_TIME.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) fail(field, `"${text.slice(0, 40)}" is not an RFC 3339 timestamp or a YYYY-MM-DD date`);
  return ms;
}

function symbols(raw: RawListOrdersQuery): ReadonlySet<string> | null {
  const text = single(raw, 'symbols');
  if (text === undefined) return null;
  const list = text.split(',').map((s) => s.trim().toUpperCase());
  if (list.length > 100) fail('symbols', 'must list at most 100 symbols');
  const bad = list.find((s) => !SYMBOL.test(s));
  if (bad !== undefined) fail('symbols', `"${bad.slice(0, 20)}" is not a symbol`);
  return new Set(list);
}

function fail(field: string, reason: string): never {
  throw new MalformedRequestError(`${field} ${reason}`, { field });
}
