import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { EventEnvelope } from '../envelope/event-envelope';
import { extractTraceContext } from '../trace/trace-context';
import { encodeEnvelope, HEADER, headerText } from './envelope.codec';

const envelope: EventEnvelope = {
  eventId: '019a9b2e-4c1d-7a3e-8f00-000000000001',
  type: 'OrderAccepted',
  schemaVersion: 2,
  accountId: 'acc-42',
  streamId: 'order-1',
  seq: 1,
  occurredAt: '2026-11-22T10:00:00.000Z',
  correlationId: 'c-1',
  causationId: null,
  payload: { qty: '10' },
};

const spanContext = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: TraceFlags.SAMPLED,
};

describe('encodeEnvelope', () => {
  it('keys by account and describes the message in headers', () => {
    const message = encodeEnvelope(envelope);

    expect(message.key).toBe('acc-42');
    expect(JSON.parse(String(message.value))).toEqual(envelope);
    expect(headerText(message.headers, HEADER.messageType)).toBe('OrderAccepted');
    expect(headerText(message.headers, HEADER.schemaVersion)).toBe('2');
  });

  it('carries the W3C trace context so the consumer continues the same trace', () => {
    const active = trace.setSpanContext(ROOT_CONTEXT, spanContext);

    const message = encodeEnvelope(envelope, { traceContext: active });
    const headersAsReceived = Object.fromEntries(
      Object.entries(message.headers ?? {}).map(([k, v]) => [k, Buffer.from(String(v))]),
    );
    const restored = trace.getSpanContext(extractTraceContext(headersAsReceived, ROOT_CONTEXT));

    expect(headerText(message.headers, 'traceparent')).toBe(
      '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    );
    expect(restored).toMatchObject({ ...spanContext, isRemote: true });
  });

  it('adds no trace headers when there is no active span', () => {
    expect(headerText(encodeEnvelope(envelope, { traceContext: ROOT_CONTEXT }).headers, 'traceparent')).toBeUndefined();
  });

  it('honours an explicit key', () => {
    expect(encodeEnvelope(envelope, { key: 'AAPL' }).key).toBe('AAPL');
  });
});
