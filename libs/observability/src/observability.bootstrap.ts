import { DynamicModule, Module, Type } from '@nestjs/common';
import { JsonLogger } from './logging/json.logger';
import { ObservabilityExposure, ObservabilityModule } from './observability.module';
import { loadObservabilitySettings, ObservabilitySettings } from './observability.settings';
import { startTracing } from './tracing/start-tracing';

export interface ServiceObservability {
  readonly settings: ObservabilitySettings;
  /** The process's logger: pass it to NestFactory (`logger`) and use it before Nest starts. */
  readonly logger: JsonLogger;
  /** Import it into the app's root module. */
  readonly module: DynamicModule;
}

/**
 * Everything a service's main.ts sets up before Nest: settings (`SERVICE_NAME` defaults to the
 * service), tracing (off unless OTEL_TRACES_EXPORTER=otlp), the JSON logger, and the module that
 * exposes `/metrics` — on the app's HTTP port (`controller`), on METRICS_PORT (`standalone`), or
 * through the host thread (`embedded`).
 */
export function bootstrapObservability(
  service: string,
  expose: ObservabilityExposure,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ServiceObservability {
  const settings = loadObservabilitySettings({ ...env, SERVICE_NAME: env.SERVICE_NAME || service });
  const tracing = startTracing({ serviceName: settings.serviceName, exporter: settings.tracesExporter, otlpEndpoint: settings.otlpEndpoint });
  const logger = new JsonLogger({ service: settings.serviceName, level: settings.logLevel });
  return { settings, logger, module: ObservabilityModule.forRoot({ settings, expose, tracing }) };
}

@Module({})
class ObservedService {}

/** The app's root module with the observability module beside it (its providers are global). */
export function withObservability(app: Type | DynamicModule, observability: ServiceObservability): DynamicModule {
  return { module: ObservedService, imports: [app, observability.module] };
}
