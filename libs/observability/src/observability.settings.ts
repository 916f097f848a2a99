import { z } from 'zod';

const settingsSchema = z.object({
  SERVICE_NAME: z.string().min(1).default('trading-backend'),
  HOST: z.string().min(1).default('127.0.0.1'),
  METRICS_PORT: z.coerce.number().int().min(0).max(65_535).default(9464),
  OTEL_TRACES_EXPORTER: z.enum(['otlp', 'none']).default('none'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4318'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'log', 'debug', 'verbose']).default('log'),
});

export type NestLogLevelName = z.infer<typeof settingsSchema>['LOG_LEVEL'];

/** Traces, metrics and logs of one process; frozen once read. */
export interface ObservabilitySettings {
  readonly serviceName: string;
  /** Where the standalone `/metrics` and `/health/*` server binds (services without HTTP). */
  readonly host: string;
  readonly metricsPort: number;
  /** `none` (the default, and what tests use) installs no tracing SDK at all. */
  readonly tracesExporter: 'otlp' | 'none';
  /** OTLP/HTTP base URL; traces go to `<endpoint>/v1/traces`. */
  readonly otlpEndpoint: string;
  readonly logLevel: NestLogLevelName;
}

export class ObservabilitySettingsError extends Error {
  readonly code = 'OBSERVABILITY.INVALID_SETTINGS';
}

/** Reads the variables above; a bad one throws naming it (values are not echoed). */
export function loadObservabilitySettings(env: Readonly<Record<string, string | undefined>>): ObservabilitySettings {
  const known = Object.fromEntries(
    Object.keys(settingsSchema.shape).flatMap((key) => (env[key] === undefined || env[key] === '' ? [] : [[key, env[key]]])),
  );
  const parsed = settingsSchema.safeParse(known);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
    throw new ObservabilitySettingsError(`Invalid observability settings: ${names.join(', ')}`);
  }
  const s = parsed.data;
  return Object.freeze({
    serviceName: s.SERVICE_NAME,
    host: s.HOST,
    metricsPort: s.METRICS_PORT,
    tracesExporter: s.OTEL_TRACES_EXPORTER,
    otlpEndpoint: s.OTEL_EXPORTER_OTLP_ENDPOINT,
    logLevel: s.LOG_LEVEL,
  });
}
