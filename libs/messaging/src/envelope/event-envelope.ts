import { z } from 'zod';

/**
 * The one envelope every message on Kafka travels in. `seq` is the position of an event in its
 * stream, starting at 1; messages that are not part of a stream (commands, market data) carry 0.
 * `causationId` is the `eventId` of the message that caused this one, null for an origin.
 */
export interface EventEnvelope<TType extends string = string, TPayload = unknown> {
  readonly eventId: string;
  readonly type: TType;
  readonly schemaVersion: number;
  readonly accountId: string;
  readonly streamId: string;
  readonly seq: number;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly payload: TPayload;
}

const identifier = z.string().min(1).max(128).regex(/^[A-Za-z0-9._:@/-]+$/, 'invalid identifier');

export const eventEnvelopeSchema = z.strictObject({
  eventId: z.uuid({ version: 'v7', error: 'expected a UUIDv7' }),
  type: z.string().regex(/^[A-Za-z][A-Za-z0-9.]{0,127}$/, 'invalid message type'),
  schemaVersion: z.number().int().min(1),
  accountId: identifier,
  streamId: identifier,
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  occurredAt: z.iso.datetime({ error: 'expected an ISO-8601 UTC timestamp' }),
  correlationId: identifier,
  causationId: identifier.nullable(),
  payload: z.unknown(),
});
