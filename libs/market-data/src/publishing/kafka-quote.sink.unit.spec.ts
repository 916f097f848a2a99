import { InvalidOutgoingMessageError, MessageRegistry, EnvelopeFactory } from '@trading/messaging';
import { ProducerRecord } from 'kafkajs';
import { QuoteUpdatedPayload, quoteUpdated } from '../quotes/quote-updated.message';
import { KafkaQuoteSink } from './kafka-quote.sink';

class RecordingProducer {
  readonly sent: ProducerRecord[] = [];
  async send(record: ProducerRecord): Promise<never[]> {
    this.sent.push(record);
    return [];
  }
}

const ids = (...values: string[]) => ({ next: () => values.shift() ?? 'exhausted' });
const clock = { now: () => new Date('2026-11-22T14:30:00.000Z') };
const ID_1 = '019a9b2e-4c1d-7a3e-8f00-000000000001';
const ID_2 = '019a9b2e-4c1d-7a3e-8f00-000000000002';

const quote = (symbol: string, bidPrice: string, askPrice: string): QuoteUpdatedPayload => ({
  symbol,
  bidPrice,
  bidSize: 1,
  askPrice,
  askSize: 2,
  source: 'simulated',
});

describe('KafkaQuoteSink', () => {
  it('sends one round as one batch of QuoteUpdated envelopes keyed by symbol', async () => {
    const producer = new RecordingProducer();
    const sink = new KafkaQuoteSink(
      producer,
      'trading.market-data',
      new MessageRegistry().register(quoteUpdated),
      new EnvelopeFactory(ids(ID_1, ID_2), clock),
    );

    await sink.publish([quote('AAPL', '189.98', '190.02'), quote('SPY', '520.00', '520.01')]);

    expect(producer.sent).toHaveLength(1);
    const [record] = producer.sent;
    expect(record?.topic).toBe('trading.market-data');
    expect(record?.messages.map((m) => m.key)).toEqual(['AAPL', 'SPY']);
    expect(JSON.parse(String(record?.messages[1]?.value))).toEqual({
      eventId: ID_2,
      type: 'QuoteUpdated',
      schemaVersion: 1,
      accountId: 'system',
      streamId: 'quotes.SPY',
      seq: 0,
      occurredAt: '2026-11-22T14:30:00.000Z',
      correlationId: ID_2,
      causationId: null,
      payload: quote('SPY', '520.00', '520.01'),
    });
    expect(record?.messages[0]?.headers).toMatchObject({ 'message-type': 'QuoteUpdated', 'schema-version': '1' });
  });

  it('sends nothing of a round that holds an invalid quote', async () => {
    const producer = new RecordingProducer();
    const sink = new KafkaQuoteSink(
      producer,
      'trading.market-data',
      new MessageRegistry().register(quoteUpdated),
      new EnvelopeFactory(ids(ID_1, ID_2), clock),
    );

    await expect(sink.publish([quote('AAPL', '189.98', '190.02'), quote('spy', '520.00', '520.01')])).rejects.toThrow(
      InvalidOutgoingMessageError,
    );
    expect(producer.sent).toEqual([]);
  });
});
