import { createKafkaClient, TopicCatalogue } from '@trading/messaging';
import { eventually, testConfig, uniqueName } from '@trading/testing';
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { getPriority } from 'node:os';
import { freePort, RunningService, startService } from '../support/service-process';

/** Nice values of a process's threads. */
function niceValues(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One TCP connection: GETs sent over it one at a time, and when the server closed it. */
async function rawConnection(port: number): Promise<{ get: (path: string) => Promise<string>; closed: Promise<number> }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
  const get = (path: string) =>
    new Promise<string>((resolve) => {
      socket.once('data', (chunk: Buffer) => resolve(chunk.toString()));
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    });
  return { get, closed };
}

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
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '1500',
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
    // the projectors and the archiver run on a thread ALL_IN_ONE_BACKGROUND_NICE (10) steps below the rest
    const own = getPriority();
    const nices = niceValues(running.process.pid ?? 0);
    expect(nices.filter((nice) => nice === Math.min(19, own + 10)).length).toBeGreaterThanOrEqual(1);
    expect(nices.filter((nice) => nice === own).length).toBeGreaterThanOrEqual(1);
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

    // an idle connection is kept for HTTP_KEEP_ALIVE_TIMEOUT_MS (Node's own default is 5 s), then closed
    const connection = await rawConnection(port);
    const first = await connection.get('/health/live');
    await sleep(700);
    const second = await connection.get('/health/live');
    const idleSince = Date.now();
    const closedAfterMs = (await connection.closed) - idleSince;
    expect([first, second].map((answer) => answer.split('\r\n')[0])).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);
    expect(closedAfterMs).toBeGreaterThan(1_000);
    expect(closedAfterMs).toBeLessThan(4_000);

    running.process.kill('SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
  });

  it('refuses to start on bad configuration, naming each bad setting, before touching any service', async () => {
    service = startService('apps/all-in-one/src/main', {
      PORT: 'eighty',
      KAFKA_BROKERS: 'no-port',
      DATABASE_URL: 'mysql://db/trading',
      ALL_IN_ONE_BACKGROUND_NICE: '20',
    });

    const { code } = await service.exited;

    expect(code).toBe(1);
    expect(service.output()).toMatch(/Invalid configuration:/);
    expect(service.output()).toMatch(/PORT: /);
    expect(service.output()).toMatch(/KAFKA_BROKERS: /);
    expect(service.output()).toMatch(/DATABASE_URL: expected a postgres:\/\/ URL/);
    expect(service.output()).toMatch(/ALL_IN_ONE_BACKGROUND_NICE: /);
    expect(service.output()).not.toMatch(/Nest application successfully started|listening/);
  });
});
