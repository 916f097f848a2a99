import { testConfig, uniqueName } from '@trading/testing';
import { Admin, ConfigResourceTypes } from 'kafkajs';
import { createKafkaClient } from '../kafka/kafka-client.factory';
import { createTopicsAndWait } from './create-topics';
import { TopicCatalogue } from './topic-catalogue';
import { TopicProvisioner } from './topic-provisioner';

describe('TopicProvisioner (real broker)', () => {
  const config = testConfig();
  let admin: Admin;
  const created: string[] = [];

  beforeAll(async () => {
    admin = createKafkaClient({ clientId: uniqueName('it-topics'), brokers: config.KAFKA_BROKERS, logLevel: config.KAFKA_LOG_LEVEL }).admin();
    await admin.connect();
  });

  afterAll(async () => {
    const existing = new Set(await admin.listTopics());
    await admin.deleteTopics({ topics: created.filter((t) => existing.has(t)) });
    await admin.disconnect();
  });

  it('creates the whole catalogue with its settings, and a second run changes nothing', async () => {
    const catalogue = TopicCatalogue.standard({ prefix: `${uniqueName('it')}.`, accountPartitions: 4 });
    created.push(...catalogue.all().map((t) => t.name));
    const provisioner = new TopicProvisioner(admin);

    const first = await provisioner.provision(catalogue.all(), { replicationFactor: 1 });
    const second = await provisioner.provision(catalogue.all(), { replicationFactor: 1 });

    expect([...first.created].sort()).toEqual(catalogue.all().map((t) => t.name).sort());
    expect(second).toEqual({ created: [], drift: [] });
    const metadata = await admin.fetchTopicMetadata({ topics: [catalogue.name('commands'), catalogue.name('orderEvents')] });
    expect(metadata.topics.map((t) => t.partitions.length)).toEqual([4, 4]);
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: catalogue.name('marketData') }],
    });
    const entries = Object.fromEntries(
      (described.resources[0]?.configEntries ?? []).map((e) => [e.configName, e.configValue]),
    );
    expect(entries).toMatchObject({ 'cleanup.policy': 'compact', 'retention.ms': '-1' });
  });

  it('stops when co-partitioned topics on the broker differ in partition count', async () => {
    const catalogue = TopicCatalogue.standard({ prefix: `${uniqueName('it')}.`, accountPartitions: 3 });
    created.push(...catalogue.all().map((t) => t.name));
    // someone created the executions topic by hand with the wrong count
    await createTopicsAndWait(admin, [{ topic: catalogue.name('executions'), numPartitions: 5 }]);

    await expect(new TopicProvisioner(admin).provision(catalogue.all(), { replicationFactor: 1 })).rejects.toMatchObject({
      code: 'KAFKA.COPARTITION_MISMATCH',
      message: expect.stringContaining(`${catalogue.name('executions')}=5`) as unknown,
    });
  });

  it('reports a topic whose partition count drifted from its declaration', async () => {
    const catalogue = TopicCatalogue.standard({ prefix: `${uniqueName('it')}.`, accountPartitions: 2 });
    created.push(...catalogue.all().map((t) => t.name));
    await createTopicsAndWait(admin, [{ topic: catalogue.name('deadLetters'), numPartitions: 1 }]);

    const report = await new TopicProvisioner(admin).provision(catalogue.all(), { replicationFactor: 1 });

    expect(report.drift).toEqual([{ name: catalogue.name('deadLetters'), declared: 3, actual: 1 }]);
  });
});
