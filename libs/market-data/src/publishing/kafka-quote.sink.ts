import { EnvelopeFactory, MessageRegistry, encodeEnvelope } from '@trading/messaging';
import { Producer } from 'kafkajs';
import { QuoteUpdatedPayload, quoteUpdatedDraft } from '../quotes/quote-updated.message';
import { QuoteSink } from './quote-sink.port';

/**
 * Writes quotes as `QuoteUpdated` envelopes to the market-data topic, keyed by symbol so that
 * compaction keeps the latest quote of each. One round is one send.
 */
export class KafkaQuoteSink implements QuoteSink {
  constructor(
    private readonly producer: Pick<Producer, 'send'>,
    private readonly topic: string,
    private readonly registry: MessageRegistry,
    private readonly envelopes: EnvelopeFactory,
  ) {}

  async publish(quotes: readonly QuoteUpdatedPayload[]): Promise<void> {
    const messages = quotes.map((quote) => {
      const envelope = this.envelopes.create(quoteUpdatedDraft(quote));
      this.registry.assertPublishable(envelope);
      return encodeEnvelope(envelope, { key: quote.symbol });
    });
    await this.producer.send({ topic: this.topic, messages });
  }
}
