/**
 * Runs `load` for the items in order, at most `ahead` of the one taken last: results are taken in
 * order while later ones are already under way. A failure surfaces when its item is taken, never
 * before (an abandoned one is ignored).
 */
export class Prefetch<T, R> {
  private readonly pending = new Map<number, Promise<R>>();
  private started = 0;

  constructor(
    private readonly items: readonly T[],
    private readonly ahead: number,
    private readonly load: (item: T) => Promise<R>,
  ) {}

  /** The result of item `index`; take them in order, from 0. */
  take(index: number): Promise<R> {
    while (this.started < this.items.length && this.started <= index + this.ahead) {
      const started = this.load(this.items[this.started]!);
      started.catch(() => undefined);
      this.pending.set(this.started++, started);
    }
    const result = this.pending.get(index);
    this.pending.delete(index);
    return result ?? Promise.reject(new Error(`item ${index} was taken already or does not exist`));
  }
}
