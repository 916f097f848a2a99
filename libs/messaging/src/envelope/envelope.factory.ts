import { Clock, IdGenerator } from '@trading/domain';
import { EventEnvelope } from './event-envelope';

export interface EnvelopeDraft<TType extends string, TPayload> {
  readonly type: TType;
  readonly schemaVersion: number;
  readonly accountId: string;
  readonly streamId: string;
  readonly seq: number;
  readonly payload: TPayload;
  /** The message this one answers; its correlation id is inherited. */
  readonly causedBy?: Pick<EventEnvelope, 'eventId' | 'correlationId'>;
  /** For an origin message: the correlation id to start with (defaults to the new event id). */
  readonly correlationId?: string;
}

/** Stamps drafts with a time-ordered id and the time, both injected. */
export class EnvelopeFactory {
  constructor(
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  create<TType extends string, TPayload>(
    draft: EnvelopeDraft<TType, TPayload>,
  ): EventEnvelope<TType, TPayload> {
    const eventId = this.ids.next();
    return {
      eventId,
      type: draft.type,
      schemaVersion: draft.schemaVersion,
      accountId: draft.accountId,
      streamId: draft.streamId,
      seq: draft.seq,
      occurredAt: this.clock.now().toISOString(),
      correlationId: draft.causedBy?.correlationId ?? draft.correlationId ?? eventId,
      causationId: draft.causedBy?.eventId ?? null,
      payload: draft.payload,
    };
  }
}
