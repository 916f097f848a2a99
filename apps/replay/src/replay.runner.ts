import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ArchiveReader } from '@trading/archive';
import {
  ArchiveSource,
  diffReadModels,
  ReadModelReader,
  rebuildReadModels,
  replayOrderTimeline,
  replayState,
  viewOf,
} from '@trading/compliance';
import { AppConfig } from '@trading/config';
import { TRADING_MESSAGES } from '@trading/contracts';
import { CodedError } from '@trading/domain';
import { EXECUTION_JOURNAL_MESSAGES } from '@trading/execution';
import { MessageRegistry, SystemClock, TopicCatalogue } from '@trading/messaging';
import {
  createDynamoDbClient,
  createS3Client,
  ensureDynamoTable,
  positionsTableDefinition,
  postgresDataSourceOptions,
  s3ClientConfig,
  s3SettingsOf,
} from '@trading/persistence';
import { DataSource } from 'typeorm';
import { renderDifferences } from './output/differences.renderer';
import { renderState } from './output/state.renderer';
import { renderTimeline } from './output/timeline.renderer';
import { ProgressReporter } from './progress/progress-reporter';
import { ReplayInvocation } from './replay-cli';

export interface ReplayIo {
  out(text: string): void;
  err(text: string): void;
}

export const EXIT = { ok: 0, failed: 1, archive: 2, usage: 64 } as const;

/** Codes that mean the archive itself cannot be trusted or read: exit 2. */
const ARCHIVE_FAILURE = /^(ARCHIVE\.|REPLAY\.(UNDECODABLE_RECORD|INCONSISTENT_ARCHIVE)$)/;

interface Stores {
  readonly dataSource: DataSource;
  readonly dynamodb: DynamoDBClient;
  readonly positionsTable: string;
}

/** Runs one invocation against the configured archive (and read models for --verify / --rebuild). */
export async function runReplay(invocation: ReplayInvocation, config: AppConfig, io: ReplayIo, archivePrefix: string): Promise<number> {
  const settings = s3SettingsOf(config);
  const s3 = createS3Client(settings);
  const source: ArchiveSource = new ArchiveReader(s3, config.S3_BUCKET, archivePrefix, { workerS3: s3ClientConfig(settings) });
  const registry = new MessageRegistry().register(...TRADING_MESSAGES, ...EXECUTION_JOURNAL_MESSAGES);
  const catalogue = TopicCatalogue.standard({ prefix: config.KAFKA_TOPIC_PREFIX, accountPartitions: config.KAFKA_ACCOUNT_PARTITIONS });
  const progress = new ProgressReporter('replay', invocation.progress);
  let stores: Stores | null = null;
  try {
    switch (invocation.mode) {
      case 'state': {
        const state = await replayState({ source, registry, orderEventsTopic: catalogue.name('orderEvents'), filter: invocation.filter, onProgress: progress.update, strict: invocation.strict });
        progress.stop();
        io.out(renderState(viewOf(state, invocation.filter), invocation.json));
        return EXIT.ok;
      }
      case 'order': {
        const timeline = await replayOrderTimeline({
          source, registry, orderId: invocation.orderId ?? '', onProgress: progress.update,
          accountId: invocation.filter.accountIds?.size === 1 ? [...invocation.filter.accountIds][0]! : null,
          topics: { orderEvents: catalogue.name('orderEvents'), commands: catalogue.name('commands'), executions: catalogue.name('executions'), executionJournal: catalogue.name('executionJournal') },
          ...(invocation.from ? { from: invocation.from } : {}),
          ...(invocation.to ? { to: invocation.to } : {}),
        });
        progress.stop();
        io.out(renderTimeline(timeline, invocation.json));
        return EXIT.ok;
      }
      case 'verify': {
        const state = await replayState({ source, registry, orderEventsTopic: catalogue.name('orderEvents'), filter: invocation.filter, onProgress: progress.update, strict: invocation.strict });
        progress.stop();
        const archive = viewOf(state, invocation.filter);
        stores = await openStores(config, false);
        const live = await new ReadModelReader(stores.dataSource, stores.dynamodb, stores.positionsTable).read(invocation.filter);
        const differences = diffReadModels(archive, live);
        io.out(renderDifferences(differences, { orders: archive.orders.length, positions: archive.positions.length, accounts: archive.cash.length }, invocation.json));
        return differences.length === 0 ? EXIT.ok : EXIT.failed;
      }
      case 'rebuild': {
        stores = await openStores(config, true);
        const result = await rebuildReadModels({ source, registry, orderEventsTopic: catalogue.name('orderEvents'), ...stores, clock: new SystemClock(), onProgress: progress.update });
        progress.stop();
        io.out(invocation.json ? JSON.stringify(result) : [...result.unappliable.map((line) => `unappliable: ${line}`), `rebuilt the read models from ${result.records} archived order events into ${stores.positionsTable} and ${redactedDatabase(config.DATABASE_URL)}`].join('\n'));
        return result.unappliable.length === 0 ? EXIT.ok : EXIT.failed;
      }
      default: {
        const unknown: never = invocation.mode;
        throw new Error(`unknown mode ${String(unknown)}`);
      }
    }
  } catch (error) {
    progress.stop();
    if (!(error instanceof CodedError)) throw error;
    const object = typeof error.details.object === 'string' ? ` (object ${error.details.object})` : '';
    io.err(`replay: ${error.code}: ${error.message}${object}`);
    return ARCHIVE_FAILURE.test(error.code) ? EXIT.archive : EXIT.failed;
  } finally {
    s3.destroy();
    if (stores) {
      stores.dynamodb.destroy();
      await stores.dataSource.destroy();
    }
  }
}

/** --rebuild migrates the target database and creates the positions table if missing. */
async function openStores(config: AppConfig, prepare: boolean): Promise<Stores> {
  const dataSource = await new DataSource({ ...postgresDataSourceOptions({ url: config.DATABASE_URL, poolSize: 4 }), migrationsRun: prepare }).initialize();
  const dynamodb = createDynamoDbClient({ endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION });
  const table = positionsTableDefinition(config.DYNAMODB_TABLE_PREFIX);
  if (prepare) await ensureDynamoTable(dynamodb, table);
  return { dataSource, dynamodb, positionsTable: table.TableName };
}

const redactedDatabase = (url: string): string => {
  const parsed = new URL(url);
  return `${parsed.host}${parsed.pathname}`;
};
