import { assertCopartitioned } from './copartition-check';
import { TopicCatalogueError } from './topic-catalogue.error';
import { TopicSpec } from './topic-spec';

const DAY_MS = 24 * 60 * 60 * 1000;

export type TopicKey =
  | 'commands'
  | 'orderEvents'
  | 'executions'
  | 'adminEvents'
  | 'executionJournal'
  | 'marketData'
  | 'deadLetters';

export interface TopicCatalogueOptions {
  /** Prepended to every name: isolates environments (and test runs) on one cluster. */
  readonly prefix: string;
  /** Partitions of the account-keyed topics: the unit of OMS parallelism. */
  readonly accountPartitions: number;
}

/** Every topic the system uses, declared once. */
export class TopicCatalogue {
  private readonly byKey: ReadonlyMap<TopicKey, TopicSpec>;

  constructor(specs: Readonly<Record<TopicKey, TopicSpec>>) {
    const names = new Set<string>();
    for (const spec of Object.values(specs)) {
      if (names.has(spec.name)) {
        throw new TopicCatalogueError('KAFKA.DUPLICATE_TOPIC', `Topic ${spec.name} is declared twice`);
      }
      names.add(spec.name);
    }
    assertCopartitioned(Object.values(specs), 'declared');
    this.byKey = new Map(Object.entries(specs) as [TopicKey, TopicSpec][]);
  }

  static standard({ prefix, accountPartitions }: TopicCatalogueOptions): TopicCatalogue {
    const account = (name: string, purpose: string, retention: TopicSpec['retention']): TopicSpec => ({
      name: `${prefix}${name}`,
      partitions: accountPartitions,
      retention,
      cleanupPolicy: 'delete',
      copartitionGroup: 'account',
      purpose,
    });
    return new TopicCatalogue({
      commands: account('trading.commands', 'trader and admin commands, key = accountId', 7 * DAY_MS),
      orderEvents: account('trading.order-events', 'OMS decisions, the log of record, key = accountId', 'forever'),
      executions: account('trading.executions', 'broker execution reports, key = accountId', 'forever'),
      adminEvents: account('trading.admin-events', 'accounts, limits and kill switches, key = accountId', 'forever'),
      executionJournal: account(
        'trading.execution-journal',
        'what the execution service sent to brokers and learnt back, key = accountId',
        'forever',
      ),
      marketData: {
        name: `${prefix}trading.market-data`,
        partitions: 3,
        retention: 'forever',
        cleanupPolicy: 'compact',
        purpose: 'latest reference price per symbol, key = symbol',
      },
      deadLetters: {
        name: `${prefix}trading.dead-letters`,
        partitions: 3,
        retention: 30 * DAY_MS,
        cleanupPolicy: 'delete',
        purpose: 'messages no consumer could accept, with the reason in headers',
      },
    });
  }

  topic(key: TopicKey): TopicSpec {
    const spec = this.byKey.get(key);
    if (!spec) throw new Error(`unreachable: no topic ${key}`);
    return spec;
  }

  name(key: TopicKey): string {
    return this.topic(key).name;
  }

  all(): readonly TopicSpec[] {
    return [...this.byKey.values()];
  }
}
