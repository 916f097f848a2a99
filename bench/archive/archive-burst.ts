import { ArchiveStore } from '@trading/archive';
import { QuoteUpdatedPayload, KafkaQuoteSink, quoteUpdated } from '@trading/market-data';
import { createKafkaClient, EnvelopeFactory, MessageRegistry, SystemClock, UuidV7IdGenerator } from '@trading/messaging';
import { performance } from 'node:perf_hooks';
import { log } from '../support/log';
import { sleep } from '../support/sleep';
import { CpuUse, startCpuMeter } from '../system/cpu-meter';
import { archivedThrough, covers, highWatermarks } from './archive-coverage';

export interface ArchiveBurstOptions {
  readonly brokers: readonly string[];
  readonly store: ArchiveStore;
  readonly archivePrefix: string;
  /** The run's market-data topic: the burst goes there. */
  readonly topic: string;
  readonly events: number;
  readonly timeoutMs: number;
  readonly systemPid: number;
  /** ARCHIVE_FLUSH_MS of the system: the last partial file of each partition waits this long. */
  readonly flushMs: number;
}

export interface ArchiveBurstResult {
  readonly topic: string;
  /** Quotes the bench produced, and every record that entered the topic meanwhile (the simulator's too). */
  readonly burstEvents: number;
  readonly events: number;
  readonly partitions: number;
  /** First send -> last send acknowledged, and the burst's rate into the log. */
  readonly produceS: number;
  readonly producedPerSecond: number;
  /** First send -> the manifests cover the topic up to its log end as it was after the last send. */
  readonly archivedS: number | null;
  /** Last send acknowledged -> archived: the archiver's lag behind the log at the end of the burst. */
  readonly lagAfterBurstS: number | null;
  /** `events / archivedS`. */
  readonly eventsPerSecond: number | null;
  readonly flushMs: number;
  readonly cpu: CpuUse;
}

const BATCH = 1000;
/** Sends in flight at once: the burst should reach the log faster than the archiver takes it. */
const SENDS_IN_FLIGHT = 4;
/** Symbols nobody trades, spread over the topic's partitions: the burst moves no price of the run. */
const SYMBOLS = Array.from({ length: 9 }, (_, i) => `ZZARC${i}`);

/**
 * Archive throughput of the all-in-one process's archiver: produces a burst of `QuoteUpdated`
 * envelopes (through the market-data module's own sink) to the run's market-data topic, then
 * polls the manifests until they cover every partition up to its log end after the burst.
 */
export async function archiveBurst(options: ArchiveBurstOptions): Promise<ArchiveBurstResult> {
  const kafka = createKafkaClient({ clientId: 'bench-archive-burst', brokers: options.brokers, logLevel: 'error' });
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 5 });
  await admin.connect();
  await producer.connect();
  try {
    const before = await highWatermarks(admin, options.topic);
    const sink = new KafkaQuoteSink(producer, options.topic, new MessageRegistry().register(quoteUpdated), new EnvelopeFactory(new UuidV7IdGenerator(), new SystemClock()));
    log(`archive: producing ${options.events} quotes to ${options.topic}`);
    const meter = startCpuMeter(options.systemPid);
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: SENDS_IN_FLIGHT }, async () => {
        while (next < options.events) {
          const from = next;
          next += BATCH;
          const quotes = Array.from({ length: Math.min(BATCH, options.events - from) }, (_, i): QuoteUpdatedPayload => {
            const n = from + i;
            const cents = 10_000 + (n % 500);
            return { symbol: SYMBOLS[n % SYMBOLS.length] ?? 'ZZARC0', bidPrice: (cents / 100).toFixed(2), bidSize: 1 + (n % 9), askPrice: ((cents + 2) / 100).toFixed(2), askSize: 1 + (n % 7), source: 'bench' };
          });
          await sink.publish(quotes);
        }
      }),
    );
    const produced = performance.now();
    const after = await highWatermarks(admin, options.topic);
    let archivedAt: number | null = null;
    while (performance.now() - produced < options.timeoutMs) {
      const through = await archivedThrough(options.store, options.archivePrefix, options.topic, [...after.keys()]);
      if (covers(through, after)) {
        archivedAt = performance.now();
        break;
      }
      await sleep(200);
    }
    const cpu = meter();
    let events = 0;
    for (const [partition, high] of after) events += Number(high - (before.get(partition) ?? 0n));
    const archivedS = archivedAt === null ? null : (archivedAt - started) / 1000;
    return {
      topic: options.topic,
      burstEvents: options.events,
      events,
      partitions: after.size,
      produceS: (produced - started) / 1000,
      producedPerSecond: options.events / Math.max(0.001, (produced - started) / 1000),
      archivedS,
      lagAfterBurstS: archivedAt === null ? null : (archivedAt - produced) / 1000,
      eventsPerSecond: archivedS === null || archivedS <= 0 ? null : events / archivedS,
      flushMs: options.flushMs,
      cpu,
    };
  } finally {
    await producer.disconnect();
    await admin.disconnect();
  }
}
