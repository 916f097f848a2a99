import { utcDay } from '../model/object-keys';

export interface DayRun<T> {
  readonly day: string;
  readonly records: readonly T[];
}

/**
 * Splits records (in offset order) into maximal runs of the same UTC day. A batch spanning
 * midnight gives two runs; timestamps going back and forth give more, so that every run, and so
 * every file, covers a contiguous offset range.
 */
export function splitIntoDayRuns<T extends { readonly timestampMs: number }>(records: readonly T[]): DayRun<T>[] {
  const runs: { day: string; records: T[] }[] = [];
  for (const record of records) {
    const day = utcDay(record.timestampMs);
    const last = runs[runs.length - 1];
    if (last && last.day === day) last.records.push(record);
    else runs.push({ day, records: [record] });
  }
  return runs;
}
