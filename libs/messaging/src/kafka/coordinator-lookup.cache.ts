interface CoordinatorQuery {
  readonly groupId: string;
  readonly coordinatorType?: number;
}

type FindCoordinator = (this: object, query: CoordinatorQuery) => Promise<unknown>;

interface ClusterPrototype {
  findGroupCoordinator: FindCoordinator & { cached?: true };
}

interface Lookup {
  readonly broker: Promise<unknown>;
  readonly until: number;
}

/** Short: a coordinator that moves is looked up again within this, well inside a transaction's retries. */
const TTL_MS = 1_000;

/**
 * kafkajs looks the coordinator up again before every transactional request (AddPartitionsToTxn,
 * AddOffsetsToTxn, TxnOffsetCommit, EndTxn): four extra round trips in every transaction, and a
 * quarter of all requests the system sends. This remembers each cluster's lookups for a second.
 * kafkajs 2.2.4 is its last release, so the internal it patches does not move.
 */
export function cacheCoordinatorLookups(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cluster = (require('kafkajs/src/cluster') as { prototype: ClusterPrototype }).prototype;
  if (cluster.findGroupCoordinator.cached) return;
  const find = cluster.findGroupCoordinator;
  const lookups = new WeakMap<object, Map<string, Lookup>>();
  const cachedFind: ClusterPrototype['findGroupCoordinator'] = function (this: object, query: CoordinatorQuery) {
    const mine = lookups.get(this) ?? new Map<string, Lookup>();
    if (mine.size === 0) lookups.set(this, mine);
    const key = `${query.coordinatorType ?? 0}:${query.groupId}`;
    const hit = mine.get(key);
    const now = Date.now();
    if (hit && hit.until > now) return hit.broker;
    const broker = find.call(this, query);
    mine.set(key, { broker, until: now + TTL_MS });
    broker.catch(() => {
      if (mine.get(key)?.broker === broker) mine.delete(key);
    });
    return broker;
  };
  cachedFind.cached = true;
  cluster.findGroupCoordinator = cachedFind;
}
