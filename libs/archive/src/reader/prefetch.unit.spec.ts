import { Prefetch } from './prefetch';

describe('loading ahead in order', () => {
  it('starts at most `ahead` loads past the item taken and hands results over in order', async () => {
    const started: number[] = [];
    const prefetch = new Prefetch([0, 1, 2, 3, 4], 2, async (item) => {
      started.push(item);
      return item * 10;
    });

    expect(await prefetch.take(0)).toBe(0);
    expect(started).toEqual([0, 1, 2]);
    expect(await prefetch.take(1)).toBe(10);
    expect(started).toEqual([0, 1, 2, 3]);
    expect([await prefetch.take(2), await prefetch.take(3), await prefetch.take(4)]).toEqual([20, 30, 40]);
  });

  it('surfaces a failure when its item is taken, after the results before it', async () => {
    const prefetch = new Prefetch(['a', 'bad', 'c'], 3, async (item) => {
      if (item === 'bad') throw new Error('missing object');
      return item;
    });

    expect(await prefetch.take(0)).toBe('a');
    await expect(prefetch.take(1)).rejects.toThrow('missing object');
  });

  it('given a failed load nobody takes, then nothing is left unhandled', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    const prefetch = new Prefetch(['a', 'bad'], 1, async (item) => {
      if (item === 'bad') throw new Error('abandoned');
      return item;
    });

    expect(await prefetch.take(0)).toBe('a');
    await new Promise((resolve) => setImmediate(resolve));
    process.off('unhandledRejection', listener);

    expect(unhandled).toEqual([]);
  });
});
