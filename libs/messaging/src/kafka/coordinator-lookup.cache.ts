interface CoordinatorQuery {
  readonly groupId: string;
  readonly coordinatorType?: number;
}

export type FindCoordinator = (this: object, query: CoordinatorQuery) => Promise<unknown>;

interface ClusterPrototype {
  findGroupCoordinator: FindCoordinator & { cached?: true };
}

interface ConnectionPrototype {
  send: ((this: object, ...args: unknown[]) => Promise<unknown>) & { watched?: true };
}

interface Lookup {
  readonly broker: Promise<unknown>;
  readonly until: number;
  readonly generation: number;
}

/**
 * A safety net only: a lookup is dropped as soon as any request says a coordinator moved or a
 * broker went away, so a longer life saves round trips without leaving a stale answer in use.
 */
const TTL_MS = 60_000;

/** kafkajs's names (protocol errors 14 to 16) for "ask again": the coordinator is loading, gone or moved. */
const STALE_COORDINATOR_ERRORS = new Set(['GROUP_LOAD_IN_PROGRESS', 'GROUP_COORDINATOR_NOT_AVAILABLE', 'NOT_COORDINATOR_FOR_GROUP']);
const LOST_BROKER_ERRORS = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
]);

/** True for an error after which no cached coordinator may be trusted. */
export function isCoordinatorChange(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { type, name } = error as { type?: unknown; name?: unknown };
  return (typeof type === 'string' && STALE_COORDINATOR_ERRORS.has(type)) || (typeof name === 'string' && LOST_BROKER_ERRORS.has(name));
}

/**
 * Coordinator lookups remembered per cluster and query, until `TTL_MS` passes or `invalidate()`
 * is called; a failed lookup is not remembered.
 */
export class CoordinatorLookups {
  private readonly lookups = new WeakMap<object, Map<string, Lookup>>();
  private generation = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** `find` wrapped: the same query on the same cluster is answered from memory while valid. */
  caching(find: FindCoordinator): FindCoordinator {
    const lookup = (cluster: object, query: CoordinatorQuery): Promise<unknown> => this.lookup(cluster, query, find);
    return function (this: object, query: CoordinatorQuery) {
      return lookup(this, query);
    };
  }

  /** Every remembered lookup of every cluster is asked again. */
  invalidate(): void {
    this.generation += 1;
  }

  private lookup(cluster: object, query: CoordinatorQuery, find: FindCoordinator): Promise<unknown> {
    const mine = this.lookups.get(cluster) ?? new Map<string, Lookup>();
    if (mine.size === 0) this.lookups.set(cluster, mine);
    const key = `${query.coordinatorType ?? 0}:${query.groupId}`;
    const hit = mine.get(key);
    const now = this.now();
    if (hit && hit.until > now && hit.generation === this.generation) return hit.broker;
    const broker = find.call(cluster, query);
    mine.set(key, { broker, until: now + TTL_MS, generation: this.generation });
    broker.catch(() => {
      if (mine.get(key)?.broker === broker) mine.delete(key);
    });
    return broker;
  }
}

/**
 * kafkajs looks the coordinator up again before every transactional request (AddPartitionsToTxn,
 * AddOffsetsToTxn, TxnOffsetCommit, EndTxn) and many group requests: a FindCoordinator round trip
 * for nearly every one of them. This remembers the lookups, and forgets all of them when any
 * request fails because a coordinator moved or a broker was lost (rare, and kafkajs then retries
 * with a fresh lookup). With a one-second life instead, they were still a twentieth of all the
 * requests the all-in-one sent at 100 orders/s. kafkajs 2.2.4 is its last release, so the
 * internals patched here do not move.
 */
export function cacheCoordinatorLookups(): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const cluster = (require('kafkajs/src/cluster') as { prototype: ClusterPrototype }).prototype;
  const connection = (require('kafkajs/src/network/connection') as { prototype: ConnectionPrototype }).prototype;
  /* eslint-enable @typescript-eslint/no-require-imports */
  if (cluster.findGroupCoordinator.cached) return;
  const lookups = new CoordinatorLookups();
  const cachedFind: ClusterPrototype['findGroupCoordinator'] = lookups.caching(cluster.findGroupCoordinator);
  cachedFind.cached = true;
  cluster.findGroupCoordinator = cachedFind;
  if (connection.send.watched) return;
  const send = connection.send;
  const watchedSend: ConnectionPrototype['send'] = function (this: object, ...args: unknown[]) {
    return send.apply(this, args).catch((error: unknown) => {
      if (isCoordinatorChange(error)) lookups.invalidate();
      throw error;
    });
  };
  watchedSend.watched = true;
  connection.send = watchedSend;
}
