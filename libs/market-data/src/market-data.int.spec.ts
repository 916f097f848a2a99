import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { APP_CONFIG, AppConfig, AppConfigModule } from '@trading/config';
import {
  DEAD_LETTER_HEADER,
  EnvelopeFactory,
  EventEnvelope,
  MessagingModule,
  TopicCatalogue,
  TopicProvisioner,
  UuidV7IdGenerator,
  createKafkaClient,
  encodeEnvelope,
  headerText,
} from '@trading/messaging';
import { eventually, testConfig, uniqueName } from '@trading/testing';
import { Admin, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { LatestQuotesView } from './latest-quotes/latest-quotes.view';
import { MarketDataModule } from './market-data.module';
import { MarketDataOptions, resolveMarketDataOptions } from './market-data.options';
import { QuoteUpdatedPayload, quoteUpdatedDraft } from './quotes/quote-updated.message';
import { initialSimulation, nextQuotes } from './simulation/price-simulator';

interface TopicRecord {
  readonly key: string;
  readonly envelope: EventEnvelope<string, QuoteUpdatedPayload>;
}

describe('market data (real broker, real Nest app)', () => {
  let kafka: Kafka;
  let admin: Admin;
  const apps: INestApplication[] = [];
  const topics: string[] = [];

  beforeAll(async () => {
    const config = testConfig();
    kafka = createKafkaClient({ clientId: uniqueName('it-market-data'), brokers: config.KAFKA_BROKERS, logLevel: config.KAFKA_LOG_LEVEL });
    admin = kafka.admin();
    await admin.connect();
  });

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  afterAll(async () => {
    const existing = new Set(await admin.listTopics());
    await admin.deleteTopics({ topics: topics.filter((t) => existing.has(t)) });
    await admin.disconnect();
  });

  /** A configuration of its own: every topic of the catalogue under a prefix no other run uses. */
  function isolatedConfig(): { config: AppConfig; catalogue: TopicCatalogue } {
    const config = testConfig({ KAFKA_TOPIC_PREFIX: `${uniqueName('it-md')}.`, KAFKA_ACCOUNT_PARTITIONS: '1' });
    const catalogue = TopicCatalogue.standard({ prefix: config.KAFKA_TOPIC_PREFIX, accountPartitions: 1 });
    topics.push(...catalogue.all().map((t) => t.name));
    return { config, catalogue };
  }

  async function startApp(config: AppConfig, options: MarketDataOptions): Promise<INestApplication> {
    const moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(), MessagingModule, MarketDataModule.forRoot(options)],
    })
      .overrideProvider(APP_CONFIG)
      .useValue(config)
      .compile();
    const app = moduleRef.createNestApplication({ logger: ['error'] });
    apps.push(app);
    await app.listen(0, '127.0.0.1');
    return app;
  }

  async function recordCount(topic: string): Promise<number> {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  }

  async function stopApp(app: INestApplication): Promise<void> {
    apps.splice(apps.indexOf(app), 1);
    await app.close();
  }

  /** Every record on the topic, in log order per partition (so per key). */
  async function readTopic(topic: string): Promise<KafkaMessage[]> {
    const total = await recordCount(topic);
    const reader = kafka.consumer({ groupId: uniqueName('it-md-reader'), maxWaitTimeInMs: 200 });
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: true });
    const messages: KafkaMessage[] = [];
    await reader.run({ eachMessage: async ({ message }) => void messages.push(message) });
    try {
      await eventually(() => expect(messages).toHaveLength(total));
      return messages;
    } finally {
      await reader.disconnect();
    }
  }

  const quoteRecords = (messages: readonly KafkaMessage[]): TopicRecord[] =>
    messages.map((m) => ({
      key: String(m.key),
      envelope: JSON.parse(String(m.value)) as EventEnvelope<string, QuoteUpdatedPayload>,
    }));

  it('carries published quotes through the topic to the view, live and on a later start', async () => {
    const { config, catalogue } = isolatedConfig();
    const symbols = ['AAPL', 'MSFT', 'SPY'];
    const publisher = await startApp(config, { symbols, seed: 7, intervalMs: 100 });
    const live = publisher.get(LatestQuotesView);

    await eventually(() => expect(symbols.map((s) => live.latest(s)?.symbol)).toEqual(symbols));
    const firstSeen = live.latest('AAPL')?.quotedAt;
    await eventually(() => expect(live.latest('AAPL')?.quotedAt).not.toBe(firstSeen));
    expect(live.isFresh('AAPL', 5_000, new Date())).toBe(true);
    await stopApp(publisher);

    const records = quoteRecords(await readTopic(catalogue.name('marketData')));
    const firstOf = (symbol: string) => records.find((r) => r.key === symbol);
    const lastOf = (symbol: string) => records.filter((r) => r.key === symbol).at(-1);
    expect(symbols.map((s) => firstOf(s)?.envelope.payload)).toEqual(
      nextQuotes(initialSimulation(resolveMarketDataOptions({ symbols }).symbols, 7)).quotes,
    );
    expect(lastOf('MSFT')?.envelope).toMatchObject({ type: 'QuoteUpdated', accountId: 'system', streamId: 'quotes.MSFT', seq: 0 });

    const reader = await startApp(config, { publish: false });
    const view = reader.get(LatestQuotesView);
    await view.ready();

    for (const symbol of symbols) {
      const last = lastOf(symbol)?.envelope;
      expect(view.latest(symbol)).toEqual({ ...last?.payload, quotedAt: last?.occurredAt });
    }
    // a process with `publish: false` only reads
    await stopApp(reader);
    expect(await recordCount(catalogue.name('marketData'))).toBe(records.length);
  });

  it('serves the latest quote in the Alpaca dialect, 404 for an unquoted symbol and 422 for a non-symbol', async () => {
    const { config, catalogue } = isolatedConfig();
    await new TopicProvisioner(admin).provision(catalogue.all(), { replicationFactor: 1 });
    const envelopes = new EnvelopeFactory(new UuidV7IdGenerator(), { now: () => new Date() });
    const quote = (payload: QuoteUpdatedPayload, occurredAt: string): EventEnvelope => ({
      ...envelopes.create(quoteUpdatedDraft(payload)),
      occurredAt,
    });
    const aapl = { symbol: 'AAPL', bidPrice: '189.98', bidSize: 3, askPrice: '190.02', askSize: 5, source: 'simulated' };
    // idempotent: a retried send (a slow broker) must not append the batch twice
    const producer: Producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      await producer.send({
        topic: catalogue.name('marketData'),
        messages: [
          encodeEnvelope(quote({ ...aapl, bidPrice: '180.00', askPrice: '180.05' }, '2026-11-22T14:29:00.000Z'), { key: 'AAPL' }),
          encodeEnvelope(quote({ ...aapl, symbol: 'BRK.B', bidPrice: '410.5', askPrice: '410.55' }, '2026-11-22T14:29:30.000Z'), { key: 'BRK.B' }),
          encodeEnvelope(quote(aapl, '2026-11-22T14:30:00.250Z'), { key: 'AAPL' }),
          encodeEnvelope(quote({ ...aapl, symbol: 'MSFT' }, '2026-11-22T14:30:00.000Z'), { key: 'MSFT' }),
          // a float price (written by something that bypassed the registry) and a record that is not JSON
          encodeEnvelope({ ...quote({ ...aapl, symbol: 'MSFT' }, '2026-11-22T14:30:01.000Z'), payload: { ...aapl, symbol: 'MSFT', bidPrice: 410.1 } }, { key: 'MSFT' }),
          { key: 'TSLA', value: 'not json' },
        ],
      });
    } finally {
      await producer.disconnect();
    }

    const app = await startApp(config, { publish: false });
    await app.get(LatestQuotesView).ready();
    const base = await app.getUrl();
    const get = async (symbol: string) => {
      const response = await fetch(`${base}/v2/stocks/${symbol}/quotes/latest`);
      const body: unknown = await response.json();
      return { status: response.status, body };
    };

    expect(await get('aapl')).toEqual({
      status: 200,
      body: {
        symbol: 'AAPL',
        quote: { t: '2026-11-22T14:30:00.250Z', bp: 189.98, bs: 3, ap: 190.02, as: 5, bx: '', ax: '', c: [], z: '' },
      },
    });
    expect(await get('BRK.B')).toMatchObject({ status: 200, body: { symbol: 'BRK.B', quote: { bp: 410.5, ap: 410.55 } } });
    // the valid MSFT quote stands: the malformed one after it was parked, not applied
    expect(await get('MSFT')).toMatchObject({ status: 200, body: { quote: { bp: 189.98 } } });
    expect(await get('XYZ')).toEqual({ status: 404, body: { code: 40410000, message: 'no quote for XYZ' } });
    expect(await get('TSLA')).toEqual({ status: 404, body: { code: 40410000, message: 'no quote for TSLA' } });
    expect(await get('AAPL%24')).toEqual({ status: 422, body: { code: 42210000, message: 'invalid symbol: AAPL$' } });
    expect(await get('ABCDEFGHIJKLM')).toEqual({
      status: 422,
      body: { code: 42210000, message: 'invalid symbol: ABCDEFGHIJKLM' },
    });

    const parked = await readTopic(catalogue.name('deadLetters'));
    expect(parked.map((m) => headerText(m.headers, DEAD_LETTER_HEADER.code)).sort()).toEqual([
      'MESSAGING.INVALID_PAYLOAD',
      'MESSAGING.MALFORMED_JSON',
    ]);
  });
});
