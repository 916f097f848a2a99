import { CoordinatorLookups, FindCoordinator, isCoordinatorChange } from './coordinator-lookup.cache';

function counting(answer: (groupId: string) => Promise<unknown>): { find: FindCoordinator; calls: string[] } {
  const calls: string[] = [];
  const find: FindCoordinator = function (query) {
    calls.push(query.groupId);
    return answer(query.groupId);
  };
  return { find, calls };
}

describe('CoordinatorLookups', () => {
  let now = 0;
  const cluster = {};
  const query = { groupId: 'oms-1', coordinatorType: 1 };

  beforeEach(() => {
    now = 0;
  });

  it('given a lookup, when the same query comes again, then it is answered from memory', async () => {
    const { find, calls } = counting(async (groupId) => `broker-of-${groupId}`);
    const cached = new CoordinatorLookups(() => now).caching(find);

    const first = await cached.call(cluster, query);
    now += 59_000;
    const second = await cached.call(cluster, query);

    expect([first, second]).toEqual(['broker-of-oms-1', 'broker-of-oms-1']);
    expect(calls).toEqual(['oms-1']);
  });

  it('given a lookup, when other groups, types or clusters ask, then each is looked up once', async () => {
    const { find, calls } = counting(async () => 'broker');
    const cached = new CoordinatorLookups(() => now).caching(find);

    await cached.call(cluster, query);
    await cached.call(cluster, { groupId: 'oms-1' });
    await cached.call(cluster, { groupId: 'oms-2', coordinatorType: 1 });
    await cached.call({}, query);
    await cached.call(cluster, query);

    expect(calls).toHaveLength(4);
  });

  it('given a lookup, when a coordinator change is seen, then every query is looked up again', async () => {
    const { find, calls } = counting(async () => 'broker');
    const lookups = new CoordinatorLookups(() => now);
    const cached = lookups.caching(find);
    await cached.call(cluster, query);

    lookups.invalidate();
    await cached.call(cluster, query);
    await cached.call(cluster, query);

    expect(calls).toEqual(['oms-1', 'oms-1']);
  });

  it('given a lookup, when its life has passed, then it is looked up again', async () => {
    const { find, calls } = counting(async () => 'broker');
    const cached = new CoordinatorLookups(() => now).caching(find);
    await cached.call(cluster, query);

    now += 60_000;
    await cached.call(cluster, query);

    expect(calls).toHaveLength(2);
  });

  it('given a failed lookup, then it is not remembered', async () => {
    let fail = true;
    const { find, calls } = counting(async () => {
      if (fail) throw new Error('GROUP_COORDINATOR_NOT_AVAILABLE');
      return 'broker';
    });
    const cached = new CoordinatorLookups(() => now).caching(find);

    await expect(cached.call(cluster, query)).rejects.toThrow('GROUP_COORDINATOR_NOT_AVAILABLE');
    fail = false;

    await expect(cached.call(cluster, query)).resolves.toBe('broker');
    expect(calls).toHaveLength(2);
  });
});

describe('isCoordinatorChange', () => {
  it.each([
    [{ type: 'NOT_COORDINATOR_FOR_GROUP' }, true],
    [{ type: 'GROUP_COORDINATOR_NOT_AVAILABLE' }, true],
    [{ type: 'GROUP_LOAD_IN_PROGRESS' }, true],
    [{ name: 'KafkaJSConnectionClosedError' }, true],
    [{ name: 'KafkaJSRequestTimeoutError' }, true],
    [{ type: 'CONCURRENT_TRANSACTIONS', name: 'KafkaJSProtocolError' }, false],
    [{ type: 'INVALID_PRODUCER_EPOCH' }, false],
    [new Error('boom'), false],
    ['NOT_COORDINATOR_FOR_GROUP', false],
    [null, false],
  ])('given %p, then %p', (error, expected) => {
    expect(isCoordinatorChange(error)).toBe(expected);
  });
});
