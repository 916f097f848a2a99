import { EnvelopeFactory } from './envelope.factory';
import { eventEnvelopeSchema } from './event-envelope';

const ids = (...values: string[]) => ({ next: () => values.shift() ?? 'exhausted' });
const fixedClock = { now: () => new Date('2026-11-22T09:30:00.000Z') };
const ID_1 = '019a9b2e-4c1d-7a3e-8f00-000000000001';
const ID_2 = '019a9b2e-4c1d-7a3e-8f00-000000000002';

describe('EnvelopeFactory', () => {
  it('stamps an origin message with the injected id and time, correlated to itself', () => {
    const factory = new EnvelopeFactory(ids(ID_1), fixedClock);

    const envelope = factory.create({
      type: 'PlaceOrder',
      schemaVersion: 1,
      accountId: 'acc-1',
      streamId: 'order-1',
      seq: 0,
      payload: { qty: '1' },
    });

    expect(envelope).toEqual({
      eventId: ID_1,
      type: 'PlaceOrder',
      schemaVersion: 1,
      accountId: 'acc-1',
      streamId: 'order-1',
      seq: 0,
      occurredAt: '2026-11-22T09:30:00.000Z',
      correlationId: ID_1,
      causationId: null,
      payload: { qty: '1' },
    });
    expect(eventEnvelopeSchema.safeParse(envelope).success).toBe(true);
  });

  it('inherits the correlation id and records the cause', () => {
    const factory = new EnvelopeFactory(ids(ID_2), fixedClock);

    const envelope = factory.create({
      type: 'OrderAccepted',
      schemaVersion: 1,
      accountId: 'acc-1',
      streamId: 'order-1',
      seq: 1,
      payload: {},
      causedBy: { eventId: ID_1, correlationId: 'http-request-7' },
    });

    expect(envelope.correlationId).toBe('http-request-7');
    expect(envelope.causationId).toBe(ID_1);
  });
});
