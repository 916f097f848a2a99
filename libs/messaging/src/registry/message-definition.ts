import { z } from 'zod';
import { EventEnvelope } from '../envelope/event-envelope';

/** Lifts a payload of version N to version N + 1. Pure: it may read the envelope, never I/O. */
export type Upcaster = (payload: unknown, envelope: EventEnvelope) => unknown;

export interface MessageDefinition<TType extends string = string, TPayload = unknown> {
  readonly type: TType;
  /** The version written today. Older versions are read through `upcasters`. */
  readonly schemaVersion: number;
  readonly payload: z.ZodType<TPayload>;
  /** Keyed by the version they upgrade from: `{ 1: v1ToV2, 2: v2ToV3 }`. */
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
}

export function defineMessage<TType extends string, TPayload>(
  definition: MessageDefinition<TType, TPayload>,
): MessageDefinition<TType, TPayload> {
  return definition;
}
