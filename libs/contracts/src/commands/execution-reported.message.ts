import { defineMessage } from '@trading/messaging';
import { z } from 'zod';

const id = z.string().min(1).max(128);
const reason = z.string().max(1000).nullable();
const decimal = z.string().max(64);

/** A broker execution report on the executions topic, keyed by account (issue: execution). */
export const executionReportedMessage = defineMessage({
  type: 'ExecutionReported',
  schemaVersion: 1,
  payload: z.strictObject({
    report: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('acknowledged'), orderId: id, venueStatus: z.enum(['new', 'accepted']) }),
      z.strictObject({ kind: z.enum(['partial_fill', 'fill']), orderId: id, executionId: id, qty: decimal, price: decimal }),
      z.strictObject({ kind: z.literal('canceled'), orderId: id, reason }),
      z.strictObject({ kind: z.literal('cancel_rejected'), orderId: id, reason }),
      z.strictObject({ kind: z.literal('rejected'), orderId: id, reason }),
      z.strictObject({ kind: z.literal('expired'), orderId: id }),
      z.strictObject({ kind: z.literal('replaced'), orderId: id, replacementOrderId: id }),
    ]),
  }),
});

export type ExecutionReportedPayload = z.infer<typeof executionReportedMessage.payload>;
