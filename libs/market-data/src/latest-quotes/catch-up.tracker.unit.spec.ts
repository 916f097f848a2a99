import { CatchUpTracker } from './catch-up.tracker';

describe('CatchUpTracker', () => {
  it('is caught up at once when every partition was empty at start', () => {
    const tracker = new CatchUpTracker([
      { partition: 0, low: '0', high: '0' },
      { partition: 1, low: '12', high: '12' },
    ]);

    expect(tracker.caughtUp).toBe(true);
  });

  it('waits for the last record present at start on every non-empty partition', () => {
    const tracker = new CatchUpTracker([
      { partition: 0, low: '0', high: '3' },
      { partition: 1, low: '0', high: '0' },
      { partition: 2, low: '5', high: '7' },
    ]);

    expect(tracker.observe(0, '1')).toBe(false);
    expect(tracker.observe(0, '2')).toBe(false);
    expect(tracker.observe(2, '6')).toBe(true);
  });

  it('counts a record past the old end as caught up: compaction may have removed records before it', () => {
    const tracker = new CatchUpTracker([{ partition: 0, low: '40', high: '100' }]);

    expect(tracker.observe(0, '120')).toBe(true);
  });

  it('ignores partitions it was not told about', () => {
    const tracker = new CatchUpTracker([{ partition: 0, low: '0', high: '1' }]);

    expect(tracker.observe(9, '50')).toBe(false);
    expect(tracker.observe(0, '0')).toBe(true);
  });
});
