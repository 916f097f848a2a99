import { CodedError } from '@trading/domain';
import { z } from 'zod';
import { EventEnvelope, eventEnvelopeSchema } from '../envelope/event-envelope';
import { DecodedEnvelopesCache } from './decoded-envelopes.cache';
import { DecodeFailure, DecodeFailureCode } from './decode-failure';
import { MessageDefinition } from './message-definition';

export type DecodeResult =
  | { readonly ok: true; readonly envelope: EventEnvelope }
  | { readonly ok: false; readonly failure: DecodeFailure };

export class MessageDefinitionError extends CodedError {
  readonly code = 'MESSAGING.DEFINITION_CONFLICT';
}

export class InvalidOutgoingMessageError extends CodedError {
  readonly code = 'MESSAGING.INVALID_OUTGOING_MESSAGE';
}

const fail = (code: DecodeFailureCode, reason: string): DecodeResult => ({
  ok: false,
  failure: { code, reason },
});

/**
 * Knows every message type, its current schema version, its payload schema and how to lift older
 * versions. Everything read from Kafka goes through `decode`: what comes out is valid and at the
 * current version, or a failure saying why.
 */
export interface MessageRegistryOptions {
  /**
   * Remember this many decoded envelopes by their text (default 0: none), for a process whose
   * consumers read the same records; the envelopes are then deep-frozen and shared.
   */
  readonly decodeCacheSize?: number;
}

export class MessageRegistry {
  private readonly definitions = new Map<string, MessageDefinition>();
  private readonly decoded: DecodedEnvelopesCache | undefined;

  constructor(options: MessageRegistryOptions = {}) {
    const size = options.decodeCacheSize ?? 0;
    this.decoded = size > 0 ? new DecodedEnvelopesCache(size) : undefined;
  }

  register(...definitions: readonly MessageDefinition[]): this {
    for (const definition of definitions) {
      const known = this.definitions.get(definition.type);
      if (known && known !== definition) {
        throw new MessageDefinitionError(`Message type ${definition.type} is defined twice`, {
          type: definition.type,
        });
      }
      if (!known) {
        this.definitions.set(definition.type, definition);
        this.decoded?.clear();
      }
    }
    return this;
  }

  has(type: string): boolean {
    return this.definitions.has(type);
  }

  decode(raw: Buffer | string | null | undefined): DecodeResult {
    if (raw === null || raw === undefined || raw.length === 0) {
      return fail('MESSAGING.EMPTY_MESSAGE', 'message has no value');
    }
    const text = typeof raw === 'string' ? raw : raw.toString('utf8');
    const known = this.decoded?.get(text);
    if (known) return { ok: true, envelope: known };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return fail('MESSAGING.MALFORMED_JSON', (error as Error).message);
    }
    const parsed = eventEnvelopeSchema.safeParse(json);
    if (!parsed.success) {
      return fail('MESSAGING.INVALID_ENVELOPE', z.prettifyError(parsed.error));
    }
    const result = this.upgrade(parsed.data);
    return result.ok && this.decoded ? { ok: true, envelope: this.decoded.remember(text, result.envelope) } : result;
  }

  /** Refuses to let an invalid message leave the process: that is a bug, not bad input. */
  assertPublishable(envelope: EventEnvelope): void {
    const definition = this.definitions.get(envelope.type);
    if (!definition) {
      throw new InvalidOutgoingMessageError(`Unknown message type ${envelope.type}`, {
        type: envelope.type,
      });
    }
    const problems: string[] = [];
    const head = eventEnvelopeSchema.safeParse(envelope);
    if (!head.success) problems.push(z.prettifyError(head.error));
    if (envelope.schemaVersion !== definition.schemaVersion) {
      problems.push(`schemaVersion ${envelope.schemaVersion}, current is ${definition.schemaVersion}`);
    }
    const body = definition.payload.safeParse(envelope.payload);
    if (!body.success) problems.push(z.prettifyError(body.error));
    if (problems.length > 0) {
      throw new InvalidOutgoingMessageError(
        `Invalid ${envelope.type} message: ${problems.join('; ')}`,
        { type: envelope.type, eventId: envelope.eventId },
      );
    }
  }

  private upgrade(envelope: EventEnvelope): DecodeResult {
    const definition = this.definitions.get(envelope.type);
    if (!definition) {
      return fail('MESSAGING.UNKNOWN_TYPE', `unknown message type ${envelope.type}`);
    }
    if (envelope.schemaVersion > definition.schemaVersion) {
      return fail(
        'MESSAGING.UNSUPPORTED_SCHEMA_VERSION',
        `${envelope.type} v${envelope.schemaVersion} is newer than this reader (v${definition.schemaVersion})`,
      );
    }
    let payload = envelope.payload;
    for (let version = envelope.schemaVersion; version < definition.schemaVersion; version++) {
      const upcaster = definition.upcasters?.[version];
      if (!upcaster) {
        return fail(
          'MESSAGING.UNSUPPORTED_SCHEMA_VERSION',
          `no upcaster for ${envelope.type} from v${version} to v${version + 1}`,
        );
      }
      try {
        payload = upcaster(payload, envelope);
      } catch (error) {
        return fail(
          'MESSAGING.UPCAST_FAILED',
          `${envelope.type} v${version} -> v${version + 1}: ${(error as Error).message}`,
        );
      }
    }
    const body = definition.payload.safeParse(payload);
    if (!body.success) {
      return fail('MESSAGING.INVALID_PAYLOAD', z.prettifyError(body.error));
    }
    return {
      ok: true,
      envelope: { ...envelope, schemaVersion: definition.schemaVersion, payload: body.data },
    };
  }
}
