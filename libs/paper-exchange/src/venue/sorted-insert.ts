/**
 * Inserts `item` into `items`, kept sorted, before the first element it goes before (after every
 * element it does not, so equals keep their arrival order). `goesBefore` must be false for a
 * prefix of `items` and true for the rest: that is what lets a binary search find the place.
 */
export function insertSorted<T>(items: T[], item: T, goesBefore: (other: T) => boolean): void {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (goesBefore(items[middle] as T)) high = middle;
    else low = middle + 1;
  }
  items.splice(low, 0, item);
}
