import { EventEnvelope, InvalidOutgoingMessageError, MessageRegistry } from '@trading/messaging';
import { QuoteUpdatedPayload, quoteFromEnvelope, quoteUpdated, quoteUpdatedDraft } from './quote-updated.message';

const AAPL: QuoteUpdatedPayload = {
  symbol: 'AAPL',
  bidPrice: '189.98',
  bidSize: 3,
  askPrice: '190.02',
  askSize: 5,
  source: 'simulated',
};

const envelopeOf = (payload: unknown): EventEnvelope => ({
  ...quoteUpdatedDraft(AAPL),
  payload,
  eventId: '019a9b2e-4c1d-7a3e-8f00-000000000001',
  occurredAt: '2026-11-22T14:30:00.250Z',
  correlationId: '019a9b2e-4c1d-7a3e-8f00-000000000001',
  causationId: null,
});

describe('QuoteUpdated', () => {
  const registry = new MessageRegistry().register(quoteUpdated);

  it('travels outside any account, in a stream per symbol', () => {
    expect(quoteUpdatedDraft(AAPL)).toEqual({
      type: 'QuoteUpdated',
      schemaVersion: 1,
      accountId: 'system',
      streamId: 'quotes.AAPL',
      seq: 0,
      payload: AAPL,
    });
  });

  it('accepts a quote with decimal-string prices', () => {
    const envelope = envelopeOf(AAPL);

    expect(() => registry.assertPublishable(envelope)).not.toThrow();
    expect(registry.decode(JSON.stringify(envelope))).toEqual({ ok: true, envelope });
  });

  it.each([
    ['a float price', { ...AAPL, bidPrice: 189.98 }],
    ['a lower-case symbol', { ...AAPL, symbol: 'aapl' }],
    ['a symbol of 13 characters', { ...AAPL, symbol: 'ABCDEFGHIJKLM' }],
    ['a zero price', { ...AAPL, askPrice: '0.00' }],
    ['a negative price', { ...AAPL, bidPrice: '-1.00' }],
    ['five decimals', { ...AAPL, bidPrice: '189.98001' }],
    ['an exponent', { ...AAPL, bidPrice: '1e3' }],
    ['a fractional size', { ...AAPL, bidSize: 1.5 }],
    ['a field too many', { ...AAPL, venue: 'X' }],
  ])('refuses %s, going out and coming in', (_case, payload) => {
    const envelope = envelopeOf(payload);

    expect(() => registry.assertPublishable(envelope)).toThrow(InvalidOutgoingMessageError);
    expect(registry.decode(JSON.stringify(envelope))).toMatchObject({
      ok: false,
      failure: { code: 'MESSAGING.INVALID_PAYLOAD' },
    });
  });

  it('reads the quote time from the envelope', () => {
    expect(quoteFromEnvelope(envelopeOf(AAPL))).toEqual({ ...AAPL, quotedAt: '2026-11-22T14:30:00.250Z' });
  });

  it('reads no quote from another message type', () => {
    expect(quoteFromEnvelope({ ...envelopeOf(AAPL), type: 'TradePrinted' })).toBeUndefined();
  });
});
