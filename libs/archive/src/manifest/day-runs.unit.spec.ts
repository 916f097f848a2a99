import { splitIntoDayRuns } from './day-runs';

const at = (offset: number, iso: string) => ({ offset, timestampMs: Date.parse(iso) });

describe('splitting a batch into day runs', () => {
  it('keeps a batch within one day whole', () => {
    const runs = splitIntoDayRuns([at(1, '2024-01-01T10:00:00Z'), at(2, '2024-01-01T11:00:00Z')]);

    expect(runs.map((r) => [r.day, r.records.map((x) => x.offset)])).toEqual([['2024-01-01', [1, 2]]]);
  });

  it('splits a batch spanning midnight UTC into two runs', () => {
    const runs = splitIntoDayRuns([at(1, '2024-01-01T23:59:59.999Z'), at(2, '2024-01-02T00:00:00.000Z'), at(3, '2024-01-02T00:00:01Z')]);

    expect(runs.map((r) => [r.day, r.records.map((x) => x.offset)])).toEqual([
      ['2024-01-01', [1]],
      ['2024-01-02', [2, 3]],
    ]);
  });

  it('keeps every run a contiguous offset range when timestamps go back across midnight', () => {
    const runs = splitIntoDayRuns([at(1, '2024-01-01T23:59:59Z'), at(2, '2024-01-02T00:00:01Z'), at(3, '2024-01-01T23:59:58Z')]);

    expect(runs.map((r) => [r.day, r.records.map((x) => x.offset)])).toEqual([
      ['2024-01-01', [1]],
      ['2024-01-02', [2]],
      ['2024-01-01', [3]],
    ]);
  });

  it('gives no runs for no records', () => {
    expect(splitIntoDayRuns([])).toEqual([]);
  });
});
