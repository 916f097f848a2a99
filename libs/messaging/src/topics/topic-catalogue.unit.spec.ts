import { TopicCatalogue } from './topic-catalogue';
import { TopicCatalogueError } from './topic-catalogue.error';
import { TopicSpec, topicConfigEntries } from './topic-spec';

const spec = (name: string, partitions: number, copartitionGroup?: string): TopicSpec => ({
  name,
  partitions,
  retention: 'forever',
  cleanupPolicy: 'delete',
  purpose: 'test',
  ...(copartitionGroup ? { copartitionGroup } : {}),
});

describe('TopicCatalogue', () => {
  describe('the standard catalogue', () => {
    const catalogue = TopicCatalogue.standard({ prefix: 'dev.', accountPartitions: 8 });

    it('co-partitions every account-keyed topic with the configured count', () => {
      const account = catalogue.all().filter((t) => t.copartitionGroup === 'account');

      expect(account.map((t) => t.name).sort()).toEqual([
        'dev.trading.admin-events',
        'dev.trading.commands',
        'dev.trading.execution-journal',
        'dev.trading.executions',
        'dev.trading.order-events',
      ]);
      expect(new Set(account.map((t) => t.partitions))).toEqual(new Set([8]));
    });

    it('keeps the log of record forever and compacts market data', () => {
      expect(topicConfigEntries(catalogue.topic('orderEvents'))).toEqual([
        { name: 'cleanup.policy', value: 'delete' },
        { name: 'retention.ms', value: '-1' },
      ]);
      expect(catalogue.topic('marketData').cleanupPolicy).toBe('compact');
    });

    it('names topics by key', () => {
      expect(catalogue.name('deadLetters')).toBe('dev.trading.dead-letters');
    });
  });

  it('refuses co-partitioned topics declared with different partition counts', () => {
    const standard = TopicCatalogue.standard({ prefix: '', accountPartitions: 6 });
    const specs = Object.fromEntries(
      (['commands', 'orderEvents', 'executions', 'adminEvents', 'executionJournal', 'marketData', 'deadLetters'] as const).map(
        (key) => [key, standard.topic(key)],
      ),
    ) as ConstructorParameters<typeof TopicCatalogue>[0];

    expect(() => new TopicCatalogue({ ...specs, executions: spec('trading.executions', 3, 'account') })).toThrow(
      /Co-partitioned topics of group "account" differ in partition count \(declared\): .*trading.executions=3/,
    );
    expect(() => new TopicCatalogue({ ...specs, deadLetters: spec('trading.commands', 3) })).toThrow(
      TopicCatalogueError,
    );
  });
});
