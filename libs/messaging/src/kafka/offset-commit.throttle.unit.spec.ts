import { OffsetCommitThrottle, OffsetCommitter } from './offset-commit.throttle';

type Committed = { topic: string; partition: number; offset: string }[];

describe('OffsetCommitThrottle', () => {
  let clock = 0;
  let commits: Committed[];
  const committer: OffsetCommitter = {
    commitOffsets: (offsets) => {
      commits.push(offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset })));
      return Promise.resolve();
    },
  };
  const throttle = () => new OffsetCommitThrottle(committer, 1_000, () => clock);
  const advance = (ms: number) => {
    clock += ms;
    jest.advanceTimersByTime(ms);
  };

  beforeEach(() => {
    jest.useFakeTimers();
    clock = 5_000;
    commits = [];
  });
  afterEach(() => jest.useRealTimers());

  it('given a first batch, when it is recorded, then its offset is committed at once', () => {
    throttle().record('t', 0, '10');

    expect(commits).toEqual([[{ topic: 't', partition: 0, offset: '10' }]]);
  });

  it('given batches within the interval, when they are recorded, then only the newest is committed, once, when the interval ends', () => {
    const subject = throttle();
    subject.record('t', 0, '10');

    advance(100);
    subject.record('t', 0, '11');
    advance(100);
    subject.record('t', 0, '15');
    advance(799);
    expect(commits).toHaveLength(1);
    advance(1);

    expect(commits).toEqual([[{ topic: 't', partition: 0, offset: '10' }], [{ topic: 't', partition: 0, offset: '15' }]]);
  });

  it('given several partitions within the interval, when they are recorded, then one request carries the newest offset of each', () => {
    const subject = throttle();
    subject.record('t', 0, '1');

    subject.record('t', 1, '7');
    subject.record('u', 0, '3');
    subject.record('t', 1, '8');
    advance(1_000);

    expect(commits).toEqual([
      [{ topic: 't', partition: 0, offset: '1' }],
      [
        { topic: 't', partition: 1, offset: '8' },
        { topic: 'u', partition: 0, offset: '3' },
      ],
    ]);
  });

  it('given a rebalance, when the waiting offsets are forgotten, then none is committed after it', () => {
    const subject = throttle();
    subject.record('t', 0, '1');
    subject.record('t', 0, '2');

    subject.forget();
    advance(5_000);

    expect(commits).toEqual([[{ topic: 't', partition: 0, offset: '1' }]]);
  });

  it('given offsets waiting, when it is flushed, then they are committed at once in one request and nothing after', async () => {
    const subject = throttle();
    subject.record('t', 0, '1');
    subject.record('t', 0, '2');
    subject.record('u', 3, '9');
    subject.record('u', 3, '12');

    await subject.flush();
    subject.record('t', 0, '3');
    advance(5_000);

    expect(commits).toEqual([
      [{ topic: 't', partition: 0, offset: '1' }],
      [
        { topic: 't', partition: 0, offset: '2' },
        { topic: 'u', partition: 3, offset: '12' },
      ],
    ]);
  });
});
