/**
 * Child process: opens `--count` accounts and raises their limits with the admin CLI's own
 * commands (`account:create --cash`, `limits:set --account --set`), run in one process instead of
 * one CLI process per call (about 2 s each here), then waits until the OMS has decided every
 * `SetRiskLimits`, so the accounts are ready to trade when it prints them.
 *
 * Configured like the CLI, from the environment (KAFKA_TOPIC_PREFIX, DATABASE_URL, ...).
 * Prints one JSON line (`ProvisionResult`) on stdout; exit 0 done, 1 failed.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadAppConfig } from '@trading/config';
import { IdGenerator } from '@trading/domain';
import { ApiKeyService } from '@trading/gateway';
import { ID_GENERATOR, KAFKA, TOPIC_CATALOGUE, TopicCatalogue } from '@trading/messaging';
import { Kafka } from 'kafkajs';
import { parseArgs } from 'node:util';
import { COMMAND_SIDE, CommandSide } from '../../apps/admin/src/accounts/command-side.port';
import { parseAdminArgs } from '../../apps/admin/src/admin-cli';
import { AdminServices, AdminTask } from '../../apps/admin/src/commands/admin-command';
import { BenchAccount, ProvisionResult } from './bench-account';
import { awaitDecisions, logEnds } from './decision-waiter';

const CONCURRENCY = 4; // scrypt runs on libuv's 4 threads

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { count: { type: 'string' }, cash: { type: 'string' }, limits: { type: 'string' }, 'timeout-ms': { type: 'string' } },
  });
  const count = Number(values.count);
  if (!Number.isSafeInteger(count) || count < 1) throw new Error(`--count must be a positive integer, got ${values.count}`);
  const cash = values.cash ?? '1000000000';
  const limits = values.limits ?? '';
  const timeoutMs = Number(values['timeout-ms'] ?? 60_000);
  // parse first: bad arguments fail before anything connects, as in the CLI
  taskOf(['account:create', '--cash', cash]);
  taskOf(['limits:set', '--account', 'probe', '--set', limits]);

  const started = Date.now();
  loadAppConfig(process.env);
  // Loaded only now, as in the CLI: the module validates the environment as it is defined.
  const { AdminModule } = await import('../../apps/admin/src/admin.module');
  const app = await NestFactory.createApplicationContext(AdminModule, { logger: ['error'], abortOnError: false });
  try {
    const services: AdminServices = {
      apiKeys: app.get(ApiKeyService),
      commandSide: app.get<CommandSide>(COMMAND_SIDE),
      ids: app.get<IdGenerator>(ID_GENERATOR),
      // the bench only opens accounts and sets limits
      rebuilder: { rebuild: () => Promise.reject(new Error('the bench does not rebuild projections')) },
    };
    const kafka = app.get<Kafka>(KAFKA);
    const orderEvents = app.get<TopicCatalogue>(TOPIC_CATALOGUE).name('orderEvents');
    const from = await logEnds(kafka, orderEvents);

    const accounts: BenchAccount[] = [];
    const createOne = async (): Promise<void> => {
      const created = (await taskOf(['account:create', '--cash', cash])(services)).json as unknown as BenchAccount;
      await taskOf(['limits:set', '--account', created.accountId, '--set', limits])(services);
      accounts.push({ accountId: created.accountId, keyId: created.keyId, secretKey: created.secretKey });
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, count) }, async () => {
        while (next < count) {
          next += 1;
          await createOne();
        }
      }),
    );
    await awaitDecisions(kafka, orderEvents, from, new Set(accounts.map((a) => a.accountId)), {
      timeoutMs,
      groupPrefix: process.env.KAFKA_TOPIC_PREFIX ?? '',
    });
    const result: ProvisionResult = { accounts, elapsedMs: Date.now() - started };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await app.close();
  }
}

function taskOf(argv: readonly string[]): AdminTask {
  const invocation = parseAdminArgs(argv);
  if (invocation.kind !== 'run') throw new Error(`not an admin command: ${argv.join(' ')}`);
  return invocation.task;
}

const exit = (code: number): void => {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
};
main().then(
  () => exit(0),
  (error: unknown) => {
    process.stderr.write(`provision-accounts: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    exit(1);
  },
);
