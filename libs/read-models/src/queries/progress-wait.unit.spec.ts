import { awaitProgress, ProgressWaitOptions, ProjectionProgress } from './progress-wait';

/** A projection that applies one more seq each time the waiter sleeps; time moves only by sleeping. */
class SteppingProjection implements ProjectionProgress {
  constructor(private seq: number) {}

  step(): void {
    this.seq += 1;
  }

  async lastAppliedSeq(): Promise<number> {
    return this.seq;
  }
}

function waitOptions(projections: SteppingProjection[], timeoutMs: number): ProgressWaitOptions & { readonly pauses: number[] } {
  let now = 0;
  const pauses: number[] = [];
  return {
    timeoutMs,
    initialPollMs: 5,
    maxPollMs: 40,
    now: () => now,
    sleep: async (ms) => {
      pauses.push(ms);
      now += ms;
      projections.forEach((projection) => projection.step());
    },
    pauses,
  };
}

describe('awaitProgress (read-your-writes)', () => {
  it('given projections already past the seq, then it answers at once without sleeping', async () => {
    const projections = [new SteppingProjection(9), new SteppingProjection(12)];
    const options = waitOptions(projections, 2000);

    expect(await awaitProgress(projections, 'acc-1', 9, options)).toBe(true);
    expect(options.pauses).toEqual([]);
  });

  it('given projections that catch up, then it polls with a doubling, capped pause until all have the seq', async () => {
    const projections = [new SteppingProjection(1), new SteppingProjection(3)];
    const options = waitOptions(projections, 2000);

    expect(await awaitProgress(projections, 'acc-1', 7, options)).toBe(true);
    expect(options.pauses).toEqual([5, 10, 20, 40, 40, 40]);
  });

  it('given a projection that does not catch up in time, then it gives up at the deadline', async () => {
    const projections = [new SteppingProjection(1)];
    const options = waitOptions(projections, 50);

    expect(await awaitProgress(projections, 'acc-1', 1000, options)).toBe(false);
    expect(options.pauses.reduce((total, pause) => total + pause, 0)).toBe(50);
  });
});
