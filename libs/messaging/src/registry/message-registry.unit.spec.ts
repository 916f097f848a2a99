import { z } from 'zod';
import { EventEnvelope } from '../envelope/event-envelope';
import { defineMessage } from './message-definition';
import { InvalidOutgoingMessageError, MessageDefinitionError, MessageRegistry } from './message-registry';

// v1 carried one `name`; v2 split it; v3 added the currency with a default.
const accountOpened = defineMessage({
  type: 'AccountOpened',
  schemaVersion: 3,
  payload: z.strictObject({ firstName: z.string(), lastName: z.string(), currency: z.enum(['USD', 'EUR']) }),
  upcasters: {
    1: (payload) => {
      const [firstName = '', ...rest] = String((payload as { name: string }).name).split(' ');
      return { firstName, lastName: rest.join(' ') };
    },
    2: (payload) => ({ ...(payload as object), currency: 'USD' }),
  },
});

const envelope = (overrides: Partial<EventEnvelope> = {}): EventEnvelope => ({
  eventId: '019a9b2e-4c1d-7a3e-8f00-000000000001',
  type: 'AccountOpened',
  schemaVersion: 3,
  accountId: 'acc-1',
  streamId: 'account-acc-1',
  seq: 1,
  occurredAt: '2026-11-22T10:00:00.000Z',
  correlationId: 'corr-1',
  causationId: null,
  payload: { firstName: 'Ada', lastName: 'Lovelace', currency: 'EUR' },
  ...overrides,
});

const wire = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('MessageRegistry', () => {
  const registry = new MessageRegistry().register(accountOpened);

  describe('given a current message', () => {
    it('decodes it unchanged', () => {
      expect(registry.decode(wire(envelope()))).toEqual({ ok: true, envelope: envelope() });
    });
  });

  describe('given an older schema version', () => {
    it('upcasts v1 through every step to the current version', () => {
      const old = envelope({ schemaVersion: 1, payload: { name: 'Grace Brewster Hopper' } });

      const result = registry.decode(wire(old));

      expect(result).toEqual({
        ok: true,
        envelope: envelope({
          schemaVersion: 3,
          payload: { firstName: 'Grace', lastName: 'Brewster Hopper', currency: 'USD' },
        }),
      });
    });

    it('reports an upcaster that throws', () => {
      const broken = new MessageRegistry().register(
        defineMessage({
          ...accountOpened,
          upcasters: { ...accountOpened.upcasters, 2: () => { throw new Error('boom'); } },
        }),
      );

      const result = broken.decode(wire(envelope({ schemaVersion: 2, payload: {} })));

      expect(result).toEqual({
        ok: false,
        failure: { code: 'MESSAGING.UPCAST_FAILED', reason: 'AccountOpened v2 -> v3: boom' },
      });
    });

    it('refuses a version it has no upcaster for', () => {
      const strict = new MessageRegistry().register(defineMessage({ ...accountOpened, upcasters: {} }));

      expect(strict.decode(wire(envelope({ schemaVersion: 2 })))).toMatchObject({
        ok: false,
        failure: { code: 'MESSAGING.UNSUPPORTED_SCHEMA_VERSION' },
      });
    });
  });

  describe('given input it must not accept', () => {
    it.each([
      ['no value', null, 'MESSAGING.EMPTY_MESSAGE'],
      ['an empty value', Buffer.alloc(0), 'MESSAGING.EMPTY_MESSAGE'],
      ['not JSON', Buffer.from('{"eventId": '), 'MESSAGING.MALFORMED_JSON'],
      ['a JSON array', wire([1, 2]), 'MESSAGING.INVALID_ENVELOPE'],
      ['a missing envelope field', wire({ ...envelope(), accountId: undefined }), 'MESSAGING.INVALID_ENVELOPE'],
      ['an extra envelope field', wire({ ...envelope(), admin: true }), 'MESSAGING.INVALID_ENVELOPE'],
      ['a v4 (random) event id', wire(envelope({ eventId: '3b241101-e2bb-4255-8caf-4136c566a962' })), 'MESSAGING.INVALID_ENVELOPE'],
      ['a local timestamp', wire(envelope({ occurredAt: '2026-11-22 10:00' })), 'MESSAGING.INVALID_ENVELOPE'],
      ['a negative seq', wire(envelope({ seq: -1 })), 'MESSAGING.INVALID_ENVELOPE'],
      ['an unknown type', wire(envelope({ type: 'AccountClosed' })), 'MESSAGING.UNKNOWN_TYPE'],
      ['a version from the future', wire(envelope({ schemaVersion: 4 })), 'MESSAGING.UNSUPPORTED_SCHEMA_VERSION'],
      ['a payload off its schema', wire(envelope({ payload: { firstName: 'Ada' } })), 'MESSAGING.INVALID_PAYLOAD'],
    ])('refuses %s', (_, raw, code) => {
      const result = registry.decode(raw);

      expect(result).toMatchObject({ ok: false, failure: { code } });
      expect(result.ok || result.failure.reason.length > 0).toBe(true);
    });
  });

  describe('when publishing', () => {
    it('lets a valid current message through', () => {
      expect(() => registry.assertPublishable(envelope())).not.toThrow();
    });

    it('refuses an old version, an unknown type or a bad payload', () => {
      expect(() => registry.assertPublishable(envelope({ schemaVersion: 2 }))).toThrow(InvalidOutgoingMessageError);
      expect(() => registry.assertPublishable(envelope({ type: 'Nope' }))).toThrow(InvalidOutgoingMessageError);
      expect(() => registry.assertPublishable(envelope({ payload: {} }))).toThrow(/Invalid AccountOpened message/);
    });
  });

  it('refuses two definitions of one type', () => {
    expect(() => registry.register(defineMessage({ ...accountOpened }))).toThrow(MessageDefinitionError);
  });

  describe('given a decode cache', () => {
    it('decodes the same text once and hands every reader the same frozen envelope', () => {
      const cached = new MessageRegistry({ decodeCacheSize: 8 }).register(accountOpened);

      const first = cached.decode(wire(envelope()));
      const second = cached.decode(JSON.stringify(envelope()));

      expect(first).toEqual({ ok: true, envelope: envelope() });
      expect(second.ok && first.ok && second.envelope === first.envelope).toBe(true);
      expect(first.ok && Object.isFrozen(first.envelope.payload)).toBe(true);
      expect(() => {
        if (first.ok) (first.envelope.payload as { currency: string }).currency = 'USD';
      }).toThrow(TypeError);
    });

    it('keeps no failure, and forgets what it decoded when it learns a definition', () => {
      const cached = new MessageRegistry({ decodeCacheSize: 8 });
      const text = JSON.stringify(envelope());

      expect(cached.decode(text)).toMatchObject({ ok: false, failure: { code: 'MESSAGING.UNKNOWN_TYPE' } });
      cached.register(accountOpened);

      expect(cached.decode(text)).toEqual({ ok: true, envelope: envelope() });
    });

    it('holds at most its size, the oldest going first', () => {
      const cached = new MessageRegistry({ decodeCacheSize: 2 }).register(accountOpened);
      const texts = [1, 2, 3].map((seq) => JSON.stringify(envelope({ seq })));
      const decodeAll = () => texts.map((text) => cached.decode(text)).map((result) => (result.ok ? result.envelope : null));

      const before = decodeAll();
      const after = decodeAll();

      // three texts through two places: each was evicted before it came round again
      expect(after.map((decoded, index) => decoded === before[index])).toEqual([false, false, false]);
      expect(cached.decode(texts[2] ?? '')).toEqual({ ok: true, envelope: after[2] });
      expect((cached.decode(texts[2] ?? '') as { envelope: unknown }).envelope).toBe(after[2]);
    });
  });
});
