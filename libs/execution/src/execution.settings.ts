import { CodedError } from '@trading/domain';
import { z } from 'zod';
import { ExecutionRoutes, parseExecutionRoutes } from './routing/broker-router';
import { BrokerResilienceOptions } from './resilience/resilient-broker';

export class ExecutionSettingsError extends CodedError {
  readonly code = 'EXECUTION.INVALID_SETTINGS';
}

const positiveInt = z.coerce.number().int().min(1);

const settingsSchema = z.object({
  EXECUTION_ROUTES: z.string().min(1).default('default=paper'),
  EXECUTION_BROKER_TIMEOUT_MS: positiveInt.max(300_000).default(5000),
  EXECUTION_BREAKER_FAILURES: positiveInt.max(1000).default(5),
  EXECUTION_BREAKER_HALF_OPEN_AFTER_MS: positiveInt.max(3_600_000).default(10_000),
  EXECUTION_RATE_PER_SECOND: positiveInt.max(100_000).default(50),
  EXECUTION_RATE_BURST: positiveInt.max(100_000).default(50),
  EXECUTION_RATE_MAX_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  EXECUTION_RESOLVE_RETRY_MS: positiveInt.max(3_600_000).default(5000),
  EXECUTION_FILLS_LOOKBACK_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
});

/** How the execution service routes and protects broker calls; frozen once read. */
export interface ExecutionSettings {
  readonly routes: ExecutionRoutes;
  readonly resilience: BrokerResilienceOptions;
  /** How long after an unknown outcome (or a failed lookup) an intent is looked up again. */
  readonly resolveRetryMs: number;
  readonly fillsLookbackMs: number;
}

/** Reads the `EXECUTION_*` variables; a bad one throws naming it (values are not echoed). */
export function loadExecutionSettings(env: Readonly<Record<string, string | undefined>>): ExecutionSettings {
  const known = Object.fromEntries(
    Object.keys(settingsSchema.shape).flatMap((key) => (env[key] === undefined || env[key] === '' ? [] : [[key, env[key]]])),
  );
  const parsed = settingsSchema.safeParse(known);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
    throw new ExecutionSettingsError(`Invalid execution settings: ${names.join(', ')}`, { variables: names });
  }
  const s = parsed.data;
  return Object.freeze({
    routes: parseExecutionRoutes(s.EXECUTION_ROUTES),
    resilience: Object.freeze({
      timeoutMs: s.EXECUTION_BROKER_TIMEOUT_MS,
      breakerFailures: s.EXECUTION_BREAKER_FAILURES,
      breakerHalfOpenAfterMs: s.EXECUTION_BREAKER_HALF_OPEN_AFTER_MS,
      ratePerSecond: s.EXECUTION_RATE_PER_SECOND,
      rateBurst: s.EXECUTION_RATE_BURST,
      rateMaxWaitMs: s.EXECUTION_RATE_MAX_WAIT_MS,
    }),
    resolveRetryMs: s.EXECUTION_RESOLVE_RETRY_MS,
    fillsLookbackMs: s.EXECUTION_FILLS_LOOKBACK_MS,
  });
}
