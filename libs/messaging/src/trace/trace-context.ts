import { Context, context, TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { IHeaders } from 'kafkajs';

/**
 * W3C trace context (`traceparent`, `tracestate`) in Kafka headers. The propagator is used
 * directly rather than through the global API so that context travels even when no tracing SDK
 * is installed in the process.
 */
const propagator = new W3CTraceContextPropagator();

const setter: TextMapSetter<IHeaders> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

const getter: TextMapGetter<IHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : first.toString();
  },
};

export function injectTraceContext(headers: IHeaders, from: Context = context.active()): IHeaders {
  propagator.inject(from, headers, setter);
  return headers;
}

export function extractTraceContext(headers: IHeaders | undefined, into: Context = context.active()): Context {
  return headers ? propagator.extract(into, headers, getter) : into;
}
