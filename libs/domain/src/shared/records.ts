/**
 * Lookups in records keyed by outside input (order ids, client order ids, symbols). A plain
 * `record[key]` would find `constructor` or `__proto__` on the prototype; these never do.
 */
export function lookup<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

export function withEntry<V>(record: Readonly<Record<string, V>>, key: string, value: V): Readonly<Record<string, V>> {
  return { ...record, [key]: value };
}

export function withoutEntry<V>(record: Readonly<Record<string, V>>, key: string): Readonly<Record<string, V>> {
  if (!Object.prototype.hasOwnProperty.call(record, key)) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
}
