import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export interface TracingOptions {
  readonly serviceName: string;
  /** `none`: nothing is installed (spans stay no-ops, W3C context still travels in headers). */
  readonly exporter: 'otlp' | 'none' | SpanExporter;
  /** OTLP/HTTP base URL, for `exporter: 'otlp'`. */
  readonly otlpEndpoint?: string;
}

export interface Tracing {
  readonly enabled: boolean;
  /** Exports what is buffered now (tests call it before reading an in-memory exporter). */
  flush(): Promise<void>;
  /** Flushes, then uninstalls the provider, context manager and propagator. */
  shutdown(): Promise<void>;
}

const disabled: Tracing = { enabled: false, flush: async () => undefined, shutdown: async () => undefined };

/**
 * Installs the tracing SDK for this process: a NodeTracerProvider with an AsyncLocalStorage context
 * manager (so the active span follows async work) and the W3C propagator. Call it before the Nest
 * application is created. A given exporter (tests: InMemorySpanExporter) is fed synchronously; OTLP
 * is batched.
 */
export function startTracing(options: TracingOptions): Tracing {
  if (options.exporter === 'none') return disabled;
  const processor: SpanProcessor =
    options.exporter === 'otlp'
      ? new BatchSpanProcessor(new OTLPTraceExporter({ url: `${(options.otlpEndpoint ?? 'http://127.0.0.1:4318').replace(/\/+$/, '')}/v1/traces` }))
      : new SimpleSpanProcessor(options.exporter);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [processor],
  });
  provider.register();
  return {
    enabled: true,
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
