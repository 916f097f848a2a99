import { ACCOUNT_BOOK_EVENT_VERSIONS, AccountBookEvent, AccountBookEventType } from '@trading/domain';
import { defineMessage, MessageDefinition, Upcaster } from '@trading/messaging';
import { z } from 'zod';

/**
 * The OMS's decisions on the order-events topic: the payload is the domain event itself (plain
 * JSON by construction). Reading checks the fields every event has; the domain's evolve functions
 * are the authority on the rest.
 */
/** Fill events of v1 did not record where or when the fill executed: unknown (null) in v2. */
const fillVenueAndTimeUnknown: Upcaster = (payload) => ({ ...(payload as object), venue: null, executedAt: null });

const UPCASTERS: Partial<Record<AccountBookEventType, Readonly<Record<number, Upcaster>>>> = {
  OrderPartiallyFilled: { 1: fillVenueAndTimeUnknown },
  OrderFilled: { 1: fillVenueAndTimeUnknown },
};

function accountBookEventMessage(type: AccountBookEventType): MessageDefinition<string, AccountBookEvent> {
  const upcasters = UPCASTERS[type];
  return defineMessage({
    type,
    schemaVersion: ACCOUNT_BOOK_EVENT_VERSIONS[type],
    ...(upcasters ? { upcasters } : {}),
    payload: z.looseObject({
      type: z.literal(type),
      accountId: z.string().min(1),
      commandId: z.string().min(1),
      at: z.iso.datetime(),
    }) as unknown as z.ZodType<AccountBookEvent>,
  });
}

export const accountBookEventMessages: readonly MessageDefinition[] = (
  Object.keys(ACCOUNT_BOOK_EVENT_VERSIONS) as AccountBookEventType[]
).map(accountBookEventMessage);

/** The global kill switch as recorded in each partition's log. */
export const globalTradingStateSetMessage = defineMessage({
  type: 'GlobalTradingStateSet',
  schemaVersion: 1,
  payload: z.strictObject({
    type: z.literal('GlobalTradingStateSet'),
    accountId: z.string(),
    commandId: z.string(),
    at: z.iso.datetime(),
    tradingState: z.enum(['ACTIVE', 'REDUCING', 'HALTED']),
    reason: z.string(),
  }),
});

export type GlobalTradingStateSet = z.infer<typeof globalTradingStateSetMessage.payload>;
