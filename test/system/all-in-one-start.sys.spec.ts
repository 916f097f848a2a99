import { createKafkaClient, TopicCatalogue } from '@trading/messaging';
import { eventually, testConfig, uniqueName } from '@trading/testing';
import { freePort, RunningService, startService } from '../support/service-process';

describe('all-in-one process', () => {
  const config = testConfig();
  let service: RunningService | undefined;

  afterEach(async () => {
    if (service && service.process.exitCode === null && service.process.signalCode === null) {
      service.process.kill('SIGKILL');
      await service.exited;
    }
    service = undefined;
  });

  it('starts against the real services, provisions its topics, reports ready and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const prefix = `${uniqueName('sys')}.`;
    service = startService('apps/all-in-one/src/main', {
      PORT: String(port),
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_ACCOUNT_PARTITIONS: '3',
    });
    const running = service;

    const ready = await eventually(
      async () => {
        if (running.process.exitCode !== null) throw new Error(`exited early:\n${running.output()}`);
        const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
        expect(response.status).toBe(200);
        return (await response.json()) as { status: string; dependencies: Record<string, { status: string }>; checks: Record<string, { status: string }> };
      },
      { timeoutMs: 45_000, intervalMs: 250 },
    );

    expect(ready.status).toBe('ok');
    expect(Object.keys(ready.dependencies).sort()).toEqual(['dynamodb', 's3', 'kafka', 'postgres', 'redis'].sort());
    // ready only once the single writers have rebuilt the state of every partition they own
    expect(ready.checks).toMatchObject({ 'oms-partition-state': { status: 'up' }, 'execution-partitions': { status: 'up' } });
    const admin = createKafkaClient({ clientId: uniqueName('sys-check'), brokers: config.KAFKA_BROKERS, logLevel: 'nothing' }).admin();
    await admin.connect();
    try {
      const catalogue = TopicCatalogue.standard({ prefix, accountPartitions: 3 });
      const metadata = await admin.fetchTopicMetadata({ topics: catalogue.all().map((t) => t.name) });
      expect(metadata.topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual(
        catalogue.all().map((t) => [t.name, t.partitions]).sort(),
      );
      await admin.deleteTopics({ topics: catalogue.all().map((t) => t.name) });
    } finally {
      await admin.disconnect();
    }

    running.process.kill('SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
  });

  it('refuses to start on bad configuration, naming each bad setting, before touching any service', async () => {
    service = startService('apps/all-in-one/src/main', {
      PORT: 'eighty',
      KAFKA_BROKERS: 'no-port',
      DATABASE_URL: 'mysql://db/trading',
    });

    const { code } = await service.exited;

    expect(code).toBe(1);
    expect(service.output()).toMatch(/Invalid configuration:/);
    expect(service.output()).toMatch(/PORT: /);
    expect(service.output()).toMatch(/KAFKA_BROKERS: /);
    expect(service.output()).toMatch(/DATABASE_URL: expected a postgres:\/\/ URL/);
    expect(service.output()).not.toMatch(/Nest application successfully started|listening/);
  });
});
