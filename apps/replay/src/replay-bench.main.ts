import { ArchiveReader, ArchiveStore, loadPartitionChains, PartitionWriter, RawRecord } from '@trading/archive';
import { AccountHistory, ArchivedEnvelopeDecoder, ArchivedRecord, ArchiveLog, replayState } from '@trading/compliance';
import { loadAppConfig } from '@trading/config';
import { TRADING_MESSAGES } from '@trading/contracts';
import { EXECUTION_JOURNAL_MESSAGES } from '@trading/execution';
import { MessageRegistry } from '@trading/messaging';
import { createS3Client, s3SettingsOf, s3ClientConfig } from '@trading/persistence';
import { S3Client } from '@aws-sdk/client-s3';

/**
 * Replay throughput from S3: generates (or reuses) an archive of order events written by the
 * archive's own PartitionWriter (accounts x orders, each placed, acknowledged and filled in two
 * parts; 6 partitions; 10,000 records per file) and prints events/s for the reader alone, the
 * reader plus envelope decoding, and the full reconstruction of the state.
 *
 * Usage: replay-bench [--accounts 100] [--orders 250] [--records-per-file 10000] [--runs 3]
 *                     [--prefix bench/replay-100x250[-f<records per file>]] [--stages reader,reader+decode,reconstruction,'reconstruction --strict']
 * Prints a line per run on stderr and one JSON object on stdout. On a shared machine the events
 * per CPU second are the steadier figure; events/s is what a user waits for.
 */
interface BenchOptions {
  readonly accounts: number;
  readonly orders: number;
  /** Records per Parquet file: a live archiver at a low rate writes small ones (a flush every ARCHIVE_FLUSH_MS). */
  readonly recordsPerFile: number;
  readonly runs: number;
  readonly prefix: string;
  /** Stages to run, by name (all by default). */
  readonly stages: readonly string[] | null;
}

const PARTITIONS = 6;
const TOPICS = { commands: 'bench.commands', orderEvents: 'bench.order-events', executions: 'bench.executions', executionJournal: 'bench.execution-journal' };

function options(argv: readonly string[]): BenchOptions {
  const value = (name: string, fallback: number): number => {
    const index = argv.indexOf(name);
    const parsed = index >= 0 ? Number(argv[index + 1]) : fallback;
    if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`${name} expects a positive integer`);
    return parsed;
  };
  const accounts = value('--accounts', 100);
  const orders = value('--orders', 250);
  const recordsPerFile = value('--records-per-file', 10_000);
  const text = (name: string): string | undefined => (argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : undefined);
  const defaultPrefix = `bench/replay-${accounts}x${orders}${recordsPerFile === 10_000 ? '' : `-f${recordsPerFile}`}`;
  return {
    accounts, orders, recordsPerFile, runs: value('--runs', 3), prefix: text('--prefix') ?? defaultPrefix,
    stages: text('--stages')?.split(',') ?? null,
  };
}

/** Order events of `accounts` accounts, decided by the real decider. */
function generate(accounts: number, orders: number): ArchivedRecord[] {
  const log = new ArchiveLog(TOPICS);
  for (let a = 0; a < accounts; a++) {
    const account = new AccountHistory(log, `bench-${String(a).padStart(4, '0')}`, a % PARTITIONS);
    account.open('10000000');
    for (let o = 0; o < orders; o++) {
      const orderId = `${account.accountId}-o${o}`;
      const buy = o % 2 === 0;
      account.place(orderId, { side: buy ? 'buy' : 'sell', qty: '10', limitPrice: '150.00' });
      account.acknowledge(orderId);
      account.fill(orderId, `${orderId}-x1`, '4', buy ? '149.50' : '150.25');
      account.fill(orderId, `${orderId}-x2`, '6', '150.00', true);
    }
  }
  return log.records.filter((record) => record.topic === TOPICS.orderEvents);
}

const rawOf = (record: ArchivedRecord): RawRecord => ({
  topic: record.topic, partition: record.partition, offset: record.offset, timestampMs: Date.parse(record.timestamp),
  key: record.key === null ? null : Buffer.from(record.key), headers: record.headers, value: record.value,
});

async function ensureArchive(s3: S3Client, bucket: string, bench: BenchOptions): Promise<number> {
  const store = new ArchiveStore(s3, bucket);
  const archived = (await loadPartitionChains(store, bench.prefix)).flatMap((chain) => chain.files).reduce((sum, file) => sum + file.records, 0);
  const expected = bench.accounts * (1 + bench.orders * 4);
  if (archived === expected) return archived;
  if (archived > 0) throw new Error(`${bench.prefix} holds ${archived} records, not ${expected}: choose another --prefix`);
  process.stderr.write(`generating ${expected} order events under ${bench.prefix}...\n`);
  const records = generate(bench.accounts, bench.orders);
  for (let partition = 0; partition < PARTITIONS; partition++) {
    const mine = records.filter((record) => record.partition === partition);
    const writer = await PartitionWriter.open(store, { prefix: bench.prefix, compression: 'zstd', lock: () => undefined }, TOPICS.orderEvents, partition);
    for (let start = 0; start < mine.length; start += bench.recordsPerFile) await writer.append(mine.slice(start, start + bench.recordsPerFile).map(rawOf));
  }
  return records.length;
}

interface Measured {
  readonly events: number;
  readonly seconds: number;
  /** CPU time of this process (user + system, every thread): a fairer figure on a shared machine. */
  readonly cpuSeconds: number;
}

async function timed(run: () => Promise<number>): Promise<Measured> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const events = await run();
  const used = process.cpuUsage(cpu);
  return { events, seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: (used.user + used.system) / 1e6 };
}

async function main(): Promise<void> {
  const bench = options(process.argv.slice(2));
  const config = loadAppConfig(process.env);
  const settings = s3SettingsOf(config);
  const s3 = createS3Client(settings);
  try {
    const total = await ensureArchive(s3, config.S3_BUCKET, bench);
    const source = new ArchiveReader(s3, config.S3_BUCKET, bench.prefix, { workerS3: s3ClientConfig(settings) });
    const registry = new MessageRegistry().register(...TRADING_MESSAGES, ...EXECUTION_JOURNAL_MESSAGES);
    const query = { topics: [TOPICS.orderEvents] };
    const filter = { accountIds: null, symbols: null, asOf: new Date() };
    const stages: Record<string, () => Promise<number>> = {
      reader: async () => {
        let count = 0;
        for await (const record of source.records(query)) if (record.value) count += 1;
        return count;
      },
      'reader+decode': async () => {
        const decoder = new ArchivedEnvelopeDecoder(registry);
        let count = 0;
        for await (const record of source.records(query)) if (decoder.decode(record).envelope.seq > 0) count += 1;
        return count;
      },
      reconstruction: async () => (await replayState({ source, registry, orderEventsTopic: TOPICS.orderEvents, filter })).folded,
      // --strict: every record through the registry's zod schemas, folded with the domain's pure evolve
      'reconstruction --strict': async () => (await replayState({ source, registry, orderEventsTopic: TOPICS.orderEvents, filter, strict: true })).folded,
    };
    const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const results: Record<string, { events: number; eventsPerSecond: number[]; median: number; eventsPerCpuSecond: number[]; medianPerCpuSecond: number }> = {};
    for (const [stage, run] of Object.entries(stages)) {
      if (bench.stages && !bench.stages.includes(stage)) continue;
      const rates: number[] = [];
      const cpuRates: number[] = [];
      let events = 0;
      for (let n = 0; n < bench.runs; n++) {
        const measured = await timed(run);
        events = measured.events;
        rates.push(Math.round(measured.events / measured.seconds));
        cpuRates.push(Math.round(measured.events / measured.cpuSeconds));
        process.stderr.write(
          `${stage}: ${measured.events} events in ${measured.seconds.toFixed(2)} s = ${rates[rates.length - 1]} events/s (${measured.cpuSeconds.toFixed(2)} CPU s = ${cpuRates[cpuRates.length - 1]} events per CPU second)\n`,
        );
      }
      results[stage] = { events, eventsPerSecond: rates, median: median(rates), eventsPerCpuSecond: cpuRates, medianPerCpuSecond: median(cpuRates) };
    }
    process.stdout.write(`${JSON.stringify({ archived: total, prefix: bench.prefix, results })}\n`);
  } finally {
    s3.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`replay bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
