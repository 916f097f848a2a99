import { ConsumerLagMonitor, LagOffsetsAdmin } from './consumer-lag.monitor';
import { TradingMetrics } from './trading-metrics';

/** A hand-written admin: log ends and committed offsets as the test sets them. */
class OffsetsStub implements LagOffsetsAdmin {
  ends: Record<number, { low: string; high: string }> = {};
  commits: Record<number, string> = {};

  async fetchOffsets({ topics }: { groupId: string; topics: string[] }) {
    return topics.map((topic) => ({
      topic,
      partitions: Object.entries(this.commits).map(([partition, offset]) => ({ partition: Number(partition), offset })),
    }));
  }

  async fetchTopicOffsets() {
    return Object.entries(this.ends).map(([partition, end]) => ({ partition: Number(partition), ...end }));
  }
}

const lagLines = async (metrics: TradingMetrics) => (await metrics.text()).split('\n').filter((line) => line.startsWith('trading_consumer_lag{'));

describe('ConsumerLagMonitor', () => {
  const metrics = new TradingMetrics({ processMetrics: false });
  const admin = new OffsetsStub();
  let owned: number[] = [0, 1, 2];
  const monitor = new ConsumerLagMonitor(admin, metrics.consumerLag, {
    groupId: 'oms',
    topics: ['trading.commands'],
    owned: () => new Map([['trading.commands', owned]]),
  });

  it('given owned partitions, when measured, then lag is the log end minus the committed offset (everything when nothing is committed)', async () => {
    admin.ends = { 0: { low: '0', high: '120' }, 1: { low: '0', high: '7' }, 2: { low: '5', high: '9' } };
    admin.commits = { 0: '100', 1: '7', 2: '-1' };

    await monitor.refresh();

    expect(await lagLines(metrics)).toEqual([
      'trading_consumer_lag{group="oms",topic="trading.commands",partition="0"} 20',
      'trading_consumer_lag{group="oms",topic="trading.commands",partition="1"} 0',
      'trading_consumer_lag{group="oms",topic="trading.commands",partition="2"} 4',
    ]);
  });

  it('given a partition revoked, when measured again, then its series is gone; once stopped, all are', async () => {
    owned = [1];

    await monitor.refresh();
    expect(await lagLines(metrics)).toEqual(['trading_consumer_lag{group="oms",topic="trading.commands",partition="1"} 0']);

    await monitor.stop();
    expect(await lagLines(metrics)).toEqual([]);
  });
});
