import { defineMessage, Upcaster } from '@trading/messaging';
import { z } from 'zod';

const id = z.string().min(1).max(128);
const reason = z.string().max(1000).nullable();
const decimal = z.string().max(64);
const venue = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'expected a venue (MIC or name)');

/** v1 fills did not say where or when they executed: v2 records that as unknown (null). */
const fillVenueAndTimeUnknown: Upcaster = (payload) => {
  const { report } = payload as { report: { kind: string } };
  if (report.kind !== 'fill' && report.kind !== 'partial_fill') return payload;
  return { ...(payload as object), report: { ...report, venue: null, executedAt: null } };
};

/** A broker execution report on the executions topic, keyed by account (issue: execution). */
export const executionReportedMessage = defineMessage({
  type: 'ExecutionReported',
  schemaVersion: 2,
  upcasters: { 1: fillVenueAndTimeUnknown },
  payload: z.strictObject({
    report: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('acknowledged'), orderId: id, venueStatus: z.enum(['new', 'accepted']) }),
      z.strictObject({
        kind: z.enum(['partial_fill', 'fill']),
        orderId: id,
        executionId: id,
        qty: decimal,
        price: decimal,
        // null only in reports upcast from v1; the execution service always sets both
        venue: venue.nullable(),
        executedAt: z.iso.datetime().nullable(),
      }),
      z.strictObject({ kind: z.literal('canceled'), orderId: id, reason }),
      z.strictObject({ kind: z.literal('cancel_rejected'), orderId: id, reason }),
      z.strictObject({ kind: z.literal('rejected'), orderId: id, reason }),
      z.strictObject({ kind: z.literal('expired'), orderId: id }),
      z.strictObject({ kind: z.literal('replaced'), orderId: id, replacementOrderId: id }),
    ]),
  }),
});

export type ExecutionReportedPayload = z.infer<typeof executionReportedMessage.payload>;
