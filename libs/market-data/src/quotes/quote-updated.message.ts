import { EnvelopeDraft, EventEnvelope, defineMessage } from '@trading/messaging';
import { z } from 'zod';
import { Quote } from './quote';
import { SYMBOL_PATTERN } from './symbol';

/** Market data belongs to no account; the envelope says so with this account id. */
export const MARKET_DATA_ACCOUNT_ID = 'system';

// Up to four decimals: Alpaca quotes sub-penny below $1. Never a JSON number: no binary floats.
const price = z
  .string()
  .regex(/^(0|[1-9]\d{0,9})(\.\d{1,4})?$/, 'expected a decimal string such as "189.98"')
  .refine((text) => /[1-9]/.test(text), 'expected a positive price');
const size = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const quoteUpdated = defineMessage({
  type: 'QuoteUpdated',
  schemaVersion: 1,
  payload: z.strictObject({
    symbol: z.string().regex(SYMBOL_PATTERN, 'expected an upper-case symbol'),
    bidPrice: price,
    bidSize: size,
    askPrice: price,
    askSize: size,
    source: z.string().min(1).max(64),
  }),
});

export type QuoteUpdatedPayload = z.output<typeof quoteUpdated.payload>;

/** The envelope fields of a quote: keyed and streamed by symbol, outside any account stream. */
export function quoteUpdatedDraft(
  payload: QuoteUpdatedPayload,
): EnvelopeDraft<typeof quoteUpdated.type, QuoteUpdatedPayload> {
  return {
    type: quoteUpdated.type,
    schemaVersion: quoteUpdated.schemaVersion,
    accountId: MARKET_DATA_ACCOUNT_ID,
    streamId: `quotes.${payload.symbol}`,
    seq: 0,
    payload,
  };
}

/** The quote a decoded envelope carries, or undefined when it is another message type. */
export function quoteFromEnvelope(envelope: EventEnvelope): Quote | undefined {
  if (envelope.type !== quoteUpdated.type) return undefined;
  const payload = quoteUpdated.payload.safeParse(envelope.payload);
  return payload.success ? { ...payload.data, quotedAt: envelope.occurredAt } : undefined;
}
