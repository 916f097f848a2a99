import { Attributes, Context, context, isSpanContextValid, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { LogContextFields, withLogContext } from '../logging/log-context';
import { ATTR, TRACER_NAME } from './trace-attributes';

/** One consumed Kafka record, as its span and log lines describe it. */
export interface ConsumedRecordInfo {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly consumerGroup: string;
  readonly messageId?: string;
  readonly messageType?: string;
  readonly correlationId?: string;
  readonly accountId?: string;
}

export const tradingTracer = () => trace.getTracer(TRACER_NAME);

/**
 * Runs `work` for one consumed record in a CONSUMER span that is a child of `parent` (the context
 * extracted from the record's headers), with that span active and the log context set. `work` gets
 * the span's context: pass it explicitly to what it produces, so the trace travels on even where no
 * context manager is installed. Sync or async work; the span ends when it does.
 */
export function inConsumerSpan<T>(parent: Context, record: ConsumedRecordInfo, work: (spanContext: Context) => T): T {
  const span = tradingTracer().startSpan(
    `process ${record.topic}`,
    { kind: SpanKind.CONSUMER, attributes: consumerAttributes(record) },
    parent,
  );
  const spanContext = trace.setSpan(parent, span);
  const fields = { ...traceFields(span), correlation_id: record.correlationId, account_id: record.accountId };
  return context.with(spanContext, () => withLogContext(fields, () => finishWith(span, () => work(spanContext))));
}

/** Runs `work` in a new span, child of the active context (or `parent`), ended when `work` settles. */
export function inSpan<T>(
  name: string,
  options: { readonly kind?: SpanKind; readonly attributes?: Attributes; readonly parent?: Context },
  work: (span: Span) => T,
): T {
  const parent = options.parent ?? context.active();
  const span = tradingTracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes ?? {} }, parent);
  return context.with(trace.setSpan(parent, span), () => withLogContext(traceFields(span), () => finishWith(span, () => work(span))));
}

/** trace_id/span_id of a span; empty when it has no valid context (no SDK and no parent). */
export function traceFields(span: Span): LogContextFields {
  const spanContext = span.spanContext();
  return isSpanContextValid(spanContext) ? { trace_id: spanContext.traceId, span_id: spanContext.spanId } : {};
}

function consumerAttributes(record: ConsumedRecordInfo): Attributes {
  const attributes: Attributes = {
    [ATTR.messagingSystem]: 'kafka',
    [ATTR.messagingOperation]: 'process',
    [ATTR.destination]: record.topic,
    [ATTR.partition]: String(record.partition),
    [ATTR.offset]: Number(record.offset),
    [ATTR.consumerGroup]: record.consumerGroup,
  };
  if (record.messageId) attributes[ATTR.messageId] = record.messageId;
  if (record.messageType) attributes[ATTR.messageType] = record.messageType;
  if (record.correlationId) attributes[ATTR.correlationId] = record.correlationId;
  if (record.accountId) attributes[ATTR.accountId] = record.accountId;
  return attributes;
}

function finishWith<T>(span: Span, work: () => T): T {
  let result: T;
  try {
    result = work();
  } catch (error) {
    fail(span, error);
    span.end();
    throw error;
  }
  if (isPromiseLike(result)) {
    return Promise.resolve(result).then(
      (value) => {
        span.end();
        return value;
      },
      (error: unknown) => {
        fail(span, error);
        span.end();
        throw error;
      },
    ) as T;
  }
  span.end();
  return result;
}

function fail(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
