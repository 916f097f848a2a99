import { ORDER_SIDES, ORDER_STATUSES, ORDER_TYPES, TIMES_IN_FORCE } from '@trading/domain';
import { defineMessage, MessageDefinition } from '@trading/messaging';
import { z } from 'zod';
import { ExecutionJournalEntry, ExecutionJournalEntryType } from './execution-journal.entries';

const id = z.string().min(1).max(128);
const decimal = z.string().max(64).nullable();
const side = z.enum(ORDER_SIDES);
const brokerOrder = z.strictObject({
  clientOrderId: id,
  accountId: id,
  symbol: z.string().min(1).max(32),
  side,
  type: z.enum(ORDER_TYPES),
  timeInForce: z.enum(TIMES_IN_FORCE),
  qty: decimal,
  notional: decimal,
  limitPrice: decimal,
  stopPrice: decimal,
});
const intent = { intentId: id, orderId: id, accountId: id, broker: id, correlationId: id, at: z.iso.datetime() };
const outcome = { intentId: id, orderId: id, accountId: id, action: z.enum(['submit', 'cancel', 'replace']), at: z.iso.datetime() };

const payloads: Readonly<Record<ExecutionJournalEntryType, z.ZodType>> = {
  BrokerSubmitIntended: z.strictObject({ type: z.literal('BrokerSubmitIntended'), ...intent, order: brokerOrder }),
  BrokerCancelIntended: z.strictObject({
    type: z.literal('BrokerCancelIntended'),
    ...intent,
    request: z.strictObject({ clientOrderId: id, symbol: z.string().min(1).max(32), side }),
  }),
  BrokerReplaceIntended: z.strictObject({
    type: z.literal('BrokerReplaceIntended'),
    ...intent,
    request: z.strictObject({ clientOrderId: id, replacement: brokerOrder }),
  }),
  BrokerRequestSent: z.strictObject({ type: z.literal('BrokerRequestSent'), ...outcome }),
  BrokerRequestRefused: z.strictObject({ type: z.literal('BrokerRequestRefused'), ...outcome, code: id, reason: z.string().max(1000) }),
  BrokerRequestUnknown: z.strictObject({ type: z.literal('BrokerRequestUnknown'), ...outcome, code: id, reason: z.string().max(1000) }),
  OmsOrderStatusObserved: z.strictObject({
    type: z.literal('OmsOrderStatusObserved'),
    orderId: id,
    accountId: id,
    status: z.enum(ORDER_STATUSES),
    filledQty: decimal,
    at: z.iso.datetime(),
  }),
};

export const EXECUTION_JOURNAL_VERSION = 1;

/** The execution journal's entries, for `MessageRegistry.register(...)`. */
export const EXECUTION_JOURNAL_MESSAGES: readonly MessageDefinition[] = (
  Object.keys(payloads) as ExecutionJournalEntryType[]
).map((type) =>
  defineMessage({ type, schemaVersion: EXECUTION_JOURNAL_VERSION, payload: payloads[type] as z.ZodType<ExecutionJournalEntry> }),
);
