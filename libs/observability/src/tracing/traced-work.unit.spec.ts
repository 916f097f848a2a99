import { context, propagation, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { currentLogContext } from '../logging/log-context';
import { startTracing, Tracing } from './start-tracing';
import { inConsumerSpan, inSpan } from './traced-work';

const UPSTREAM = { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' };
const record = { topic: 'trading.commands', partition: 2, offset: '41', consumerGroup: 'oms', messageId: 'evt-1', messageType: 'PlaceOrder', correlationId: 'corr-1', accountId: 'acc-1' };

describe('consumer spans', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;

  beforeAll(() => {
    tracing = startTracing({ serviceName: 'test', exporter });
  });
  afterAll(() => tracing.shutdown());
  beforeEach(() => exporter.reset());

  it('given a record with a traceparent, when consumed, then its span is a CONSUMER child of it with the messaging and trading attributes', () => {
    const parent = propagation.extract(ROOT_CONTEXT, UPSTREAM);

    inConsumerSpan(parent, record, () => inSpan('oms.decide PlaceOrder', {}, () => undefined));

    const [decide, consume] = exporter.getFinishedSpans();
    expect(consume?.name).toBe('process trading.commands');
    expect(consume?.kind).toBe(SpanKind.CONSUMER);
    expect(consume?.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(consume?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(consume?.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': 'trading.commands',
      'messaging.destination.partition.id': '2',
      'messaging.kafka.offset': 41,
      'trading.correlation_id': 'corr-1',
      'trading.account_id': 'acc-1',
    });
    expect(decide?.parentSpanContext?.spanId).toBe(consume?.spanContext().spanId);
  });

  it('given work in a consumer span, when it runs, then the span is active and the log context carries its ids', async () => {
    const seen = await inConsumerSpan(propagation.extract(ROOT_CONTEXT, UPSTREAM), record, async (spanContext) => {
      await new Promise((resolve) => setImmediate(resolve));
      return { active: trace.getSpan(context.active())?.spanContext(), given: trace.getSpanContext(spanContext), log: currentLogContext() };
    });

    expect(seen.active?.spanId).toBe(seen.given?.spanId);
    expect(seen.log).toEqual({ trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', span_id: seen.given?.spanId, correlation_id: 'corr-1', account_id: 'acc-1' });
  });

  it('given work that throws, when run in a span, then the span ends with the error recorded and the error goes on', () => {
    expect(() =>
      inSpan('broker submit', {}, () => {
        throw new Error('venue down');
      }),
    ).toThrow('venue down');

    const [span] = exporter.getFinishedSpans();
    expect(span?.status).toEqual({ code: 2, message: 'venue down' });
    expect(span?.events.map((event) => event.name)).toEqual(['exception']);
  });
});
