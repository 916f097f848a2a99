/**
 * An immutable map from string keys, iterated in the order keys were first set, whose `set`
 * costs about the square root of its size instead of a copy of all of it. An account book keeps
 * every order it ever placed: copying them all at every event made an order's cost grow with the
 * account's history (about 10 ms per order's life at 5,500 orders, on this project's machine).
 *
 * A shared `base` is never changed; the latest changes sit in a small `overlay` that `set` copies.
 * Once the overlay outgrows the square root of the base, both merge into a new base. Keys are data
 * (order ids, client order ids): no key can reach an object prototype. `toJSON` gives the plain
 * record, so a book still serialises as plain JSON data.
 */
export class PersistentRecord<V> {
  private static readonly EMPTY = new PersistentRecord<never>(new Map<string, never>(), new Map<string, never>(), 0);

  private constructor(
    private readonly base: ReadonlyMap<string, V>,
    private readonly overlay: ReadonlyMap<string, V>,
    /** Keys of the overlay that the base does not have. */
    private readonly added: number,
  ) {}

  static empty<V>(): PersistentRecord<V> {
    return PersistentRecord.EMPTY;
  }

  static fromEntries<V>(entries: Iterable<readonly [string, V]>): PersistentRecord<V> {
    return new PersistentRecord<V>(new Map(entries), new Map<string, V>(), 0);
  }

  static fromRecord<V>(record: Readonly<Record<string, V>>): PersistentRecord<V> {
    return PersistentRecord.fromEntries(Object.entries(record));
  }

  get size(): number {
    return this.base.size + this.added;
  }

  has(key: string): boolean {
    return this.overlay.has(key) || this.base.has(key);
  }

  get(key: string): V | undefined {
    return this.overlay.has(key) ? this.overlay.get(key) : this.base.get(key);
  }

  set(key: string, value: V): PersistentRecord<V> {
    const overlay = new Map(this.overlay);
    const added = overlay.has(key) || this.base.has(key) ? this.added : this.added + 1;
    overlay.set(key, value);
    if (overlay.size <= Math.max(MIN_OVERLAY, Math.sqrt(this.base.size))) return new PersistentRecord(this.base, overlay, added);
    const merged = new Map(this.base);
    for (const [overlaid, overlaidValue] of overlay) merged.set(overlaid, overlaidValue);
    return new PersistentRecord<V>(merged, new Map<string, V>(), 0);
  }

  *entries(): IterableIterator<[string, V]> {
    for (const [key, value] of this.base) yield [key, this.overlay.has(key) ? (this.overlay.get(key) as V) : value];
    for (const [key, value] of this.overlay) if (!this.base.has(key)) yield [key, value];
  }

  *keys(): IterableIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.entries();
  }

  /** The plain record (what `JSON.stringify` writes). */
  toJSON(): Record<string, V> {
    const record: Record<string, V> = {};
    for (const [key, value] of this.entries()) Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
    return record;
  }
}

/** Below this the overlay is not worth merging: copying it costs less than copying the base. */
const MIN_OVERLAY = 32;
