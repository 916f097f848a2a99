import { dec } from '@trading/domain';
import { AccountCash, AccountOrder, AccountPosition } from '../replay/state-views';
import { MISSING_ROW, ReadModelDifference } from './read-model-difference';

/** Rows of the read models, or of the reconstruction, in the same shapes. */
export interface ReadModelRows {
  readonly orders: readonly AccountOrder[];
  readonly positions: readonly AccountPosition[];
  readonly cash: readonly AccountCash[];
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Canonical JSON: object keys sorted, so jsonb's key order does not count as a difference. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** Decimals are compared by value (`150.0` is `150.00`); everything else by canonical JSON. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string' && DECIMAL.test(a) && DECIMAL.test(b)) return dec(a).eq(b);
  return canonicalJson(a) === canonicalJson(b);
}

function diffFields(
  base: Omit<ReadModelDifference, 'field' | 'archive' | 'readModel'>,
  archive: Readonly<Record<string, unknown>>,
  readModel: Readonly<Record<string, unknown>>,
): ReadModelDifference[] {
  const fields = [...new Set([...Object.keys(archive), ...Object.keys(readModel)])];
  return fields
    .filter((field) => !same(archive[field], readModel[field]))
    .map((field) => ({ ...base, field, archive: canonicalJson(archive[field]), readModel: canonicalJson(readModel[field]) }));
}

function diffKeyed<T>(
  subject: ReadModelDifference['subject'],
  archive: readonly T[],
  readModel: readonly T[],
  identify: (row: T) => { readonly accountId: string; readonly key: string },
  fieldsOf: (row: T) => Readonly<Record<string, unknown>>,
): ReadModelDifference[] {
  const id = (row: T) => `${identify(row).accountId}\u0000${identify(row).key}`;
  const live = new Map(readModel.map((row) => [id(row), row]));
  const differences: ReadModelDifference[] = [];
  for (const expected of archive) {
    const base = { subject, ...identify(expected) };
    const actual = live.get(id(expected));
    live.delete(id(expected));
    if (actual === undefined) differences.push({ ...base, field: MISSING_ROW, archive: canonicalJson(fieldsOf(expected)), readModel: null });
    else differences.push(...diffFields(base, fieldsOf(expected), fieldsOf(actual)));
  }
  for (const extra of live.values()) {
    differences.push({ subject, ...identify(extra), field: MISSING_ROW, archive: null, readModel: canonicalJson(fieldsOf(extra)) });
  }
  return differences;
}

/**
 * Every difference between the reconstruction and the read models: orders field by field,
 * positions (quantity, average entry price, cost basis, realized P&L) and each account's cash.
 */
export function diffReadModels(archive: ReadModelRows, readModel: ReadModelRows): ReadModelDifference[] {
  return [
    ...diffKeyed('order', archive.orders, readModel.orders, (row) => ({ accountId: row.accountId, key: row.order.orderId }), (row) => ({ ...row.order })),
    ...diffKeyed('position', archive.positions, readModel.positions, (row) => ({ accountId: row.accountId, key: row.symbol }), (row) => ({ ...row.position })),
    ...diffKeyed('cash', archive.cash, readModel.cash, (row) => ({ accountId: row.accountId, key: 'cash' }), (row) => ({ cash: row.cash })),
  ];
}
