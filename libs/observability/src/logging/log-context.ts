import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while handling one message or request carries. */
export interface LogContextFields {
  readonly trace_id?: string;
  readonly span_id?: string;
  readonly correlation_id?: string;
  readonly account_id?: string;
}

/*
 * One store per process, like OpenTelemetry's own context: the consumers and the HTTP layer set it,
 * the logger reads it, and nothing has to be passed through the code in between.
 */
const storage = new AsyncLocalStorage<LogContextFields>();

/** Runs `work` with `fields` added to (and overriding) the current log context. */
export function withLogContext<T>(fields: LogContextFields, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...definedOnly(fields) }, work);
}

export function currentLogContext(): LogContextFields {
  return storage.getStore() ?? {};
}

function definedOnly(fields: LogContextFields): LogContextFields {
  const defined: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) if (typeof value === 'string' && value !== '') defined[key] = value;
  return defined;
}
