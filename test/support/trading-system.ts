import { TRADING_MESSAGES } from '@trading/contracts';
import { createKafkaClient, EventEnvelope, fetchLogEnds, MessageRegistry, TopicCatalogue } from '@trading/messaging';
import { eventually, testConfig, uniqueName } from '@trading/testing';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, REPO_ROOT, RunningService, startService } from './service-process';

const run = promisify(execFile);

export interface TestAccount {
  readonly accountId: string;
  readonly keyId: string;
  readonly secretKey: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * `all-in-one`: every module in one process. `split`: as deployed, the gateway (HTTP) with the
 * OMS, execution, projector (with the trade-updates notifier) and market-data processes beside it.
 */
export type Topology = 'all-in-one' | 'split';

/** The processes of the split topology besides the gateway, by name. */
export const SPLIT_SERVICES = {
  oms: 'apps/oms/src/main',
  execution: 'apps/execution/src/main',
  projector: 'apps/projector/src/main',
  'market-data': 'apps/market-data/src/main',
} as const;

export type SplitService = keyof typeof SPLIT_SERVICES;

/**
 * The built system on its own port and its own topics (a unique prefix), so system tests can run
 * it next to each other and next to a developer's own instance.
 */
export class TradingSystem {
  readonly prefix = `${uniqueName('sys')}.`;
  private service: RunningService | undefined;
  private readonly services = new Map<SplitService, RunningService>();
  private port = 0;

  constructor(
    private readonly env: Record<string, string> = {},
    private readonly topology: Topology = 'all-in-one',
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get environment(): Record<string, string> {
    return { KAFKA_TOPIC_PREFIX: this.prefix, KAFKA_ACCOUNT_PARTITIONS: '3', ...this.env };
  }

  async start(): Promise<void> {
    this.port = await freePort();
    if (this.topology === 'split') for (const name of Object.keys(SPLIT_SERVICES) as SplitService[]) this.startSplitService(name);
    const entry = this.topology === 'split' ? 'apps/gateway/src/main' : 'apps/all-in-one/src/main';
    const service = startService(entry, { LOG_LEVEL: 'warn', ...this.environment, PORT: String(this.port) });
    this.service = service;
    await eventually(
      async () => {
        if (service.process.exitCode !== null) throw new Error(`${entry} exited:\n${service.output()}`);
        for (const [name, other] of this.services) if (other.process.exitCode !== null) throw new Error(`${name} exited:\n${other.output()}`);
        const response = await fetch(`${this.baseUrl}/health/ready`);
        if (response.status !== 200) throw new Error(`not ready: ${response.status}`);
        // orders need a reference price: wait for the first quotes
        const quote = await fetch(`${this.baseUrl}/v2/stocks/AAPL/quotes/latest`);
        if (quote.status !== 200) throw new Error(`no quote yet: ${quote.status}`);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  }

  /** `admin account:create` as an operator runs it, against this system's topics. */
  async createAccount(cash = '100000'): Promise<TestAccount> {
    const { stdout } = await run(process.execPath, [join(REPO_ROOT, 'dist/apps/admin/src/main.js'), 'account:create', '--cash', cash, '--json'], {
      env: { ...process.env, ...this.environment },
      timeout: 60_000,
    });
    const created = JSON.parse(stdout) as { accountId: string; keyId: string; secretKey: string };
    return {
      ...created,
      headers: { 'APCA-API-KEY-ID': created.keyId, 'APCA-API-SECRET-KEY': created.secretKey, 'content-type': 'application/json' },
    };
  }

  /** Runs any other admin command against this system. */
  async admin(...args: string[]): Promise<string> {
    const { stdout } = await run(process.execPath, [join(REPO_ROOT, 'dist/apps/admin/src/main.js'), ...args], {
      env: { ...process.env, ...this.environment },
      timeout: 60_000,
    });
    return stdout;
  }

  /** Mid of the latest simulated quote: limit prices near it pass the price collar. */
  async referencePrice(symbol: string): Promise<number> {
    const response = await fetch(`${this.baseUrl}/v2/stocks/${symbol}/quotes/latest`);
    const { quote } = (await response.json()) as { quote: { bp: number; ap: number } };
    return (quote.bp + quote.ap) / 2;
  }

  /** Starts one process of the split topology (again, after `stopSplitService`). */
  startSplitService(name: SplitService): void {
    if (this.topology !== 'split') throw new Error(`${name} runs inside the all-in-one process`);
    this.services.set(name, startService(SPLIT_SERVICES[name], { LOG_LEVEL: 'warn', ...this.environment }));
  }

  /** SIGTERM to one process of the split topology; resolves once it has exited. */
  async stopSplitService(name: SplitService): Promise<void> {
    const service = this.services.get(name);
    this.services.delete(name);
    if (service) await terminate(service);
  }

  /** Everything the processes wrote to stdout and stderr so far. */
  output(): string {
    const others = [...this.services].map(([name, service]) => `--- ${name}\n${service.output()}`);
    return [this.service?.output() ?? '', ...others].join('\n');
  }

  /** Every order event now in the log of record, in log order per partition. */
  async orderEvents(): Promise<EventEnvelope[]> {
    const kafka = createKafkaClient({ clientId: uniqueName('sys-reader'), brokers: testConfig().KAFKA_BROKERS, logLevel: 'nothing' });
    const topic = TopicCatalogue.standard({ prefix: this.prefix, accountPartitions: 3 }).name('orderEvents');
    const registry = new MessageRegistry().register(...TRADING_MESSAGES);
    const admin = kafka.admin();
    await admin.connect();
    const ends = await fetchLogEnds(admin, topic).finally(() => admin.disconnect());
    const seen: EventEnvelope[] = [];
    if (ends.size === 0) return seen;
    const reader = kafka.consumer({ groupId: uniqueName('sys-reader') });
    const done = new Promise<void>((resolve) => {
      reader.on(reader.events.END_BATCH_PROCESS, ({ payload }) => {
        const end = ends.get(payload.partition);
        if (end !== undefined && BigInt(payload.lastOffset) >= end) ends.delete(payload.partition);
        if (ends.size === 0) resolve();
      });
    });
    await reader.connect();
    try {
      await reader.subscribe({ topic, fromBeginning: true });
      await reader.run({
        eachMessage: async ({ message }) => {
          const decoded = registry.decode(message.value);
          if (decoded.ok) seen.push(decoded.envelope);
        },
      });
      await done;
      return seen;
    } finally {
      await reader.disconnect();
    }
  }

  async stop(): Promise<void> {
    const service = this.service;
    this.service = undefined;
    const others = [...this.services.values()];
    this.services.clear();
    await Promise.all([...(service ? [service] : []), ...others].map(terminate));
    const admin = createKafkaClient({ clientId: uniqueName('sys-cleanup'), brokers: testConfig().KAFKA_BROKERS, logLevel: 'nothing' }).admin();
    await admin.connect();
    try {
      const ours = new Set(TopicCatalogue.standard({ prefix: this.prefix, accountPartitions: 3 }).all().map((t) => t.name));
      const existing = (await admin.listTopics()).filter((t) => ours.has(t));
      if (existing.length > 0) await admin.deleteTopics({ topics: existing });
    } finally {
      await admin.disconnect();
    }
  }
}

async function terminate(service: RunningService): Promise<void> {
  if (service.process.exitCode !== null || service.process.signalCode !== null) return;
  service.process.kill('SIGTERM');
  await service.exited;
}
