import { LoggerService, LogLevel } from '@nestjs/common';
import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import pino, { DestinationStream, Logger as Pino } from 'pino';
import { currentLogContext } from './log-context';
import { redactText, redactValue } from './secret-redaction';

export interface JsonLoggerOptions {
  readonly service: string;
  /** Nest's level names; `log` is pino's `info`, `verbose` its `trace`. */
  readonly level?: LogLevel;
  /** Where lines go (default stdout, asynchronously flushed by pino). */
  readonly destination?: DestinationStream;
}

const PINO_LEVEL: Readonly<Record<LogLevel, pino.Level>> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Nest's logger as JSON lines: `time`, `level`, `service`, `context`, `msg`, and from the log
 * context of the message or request being handled `trace_id`, `span_id`, `correlation_id`,
 * `account_id`. Secrets are censored before pino sees anything (field names at any depth, and
 * header-like text inside messages). Pass it as `NestFactory.create(..., { logger })`.
 */
export class JsonLogger implements LoggerService {
  private readonly pino: Pino;

  constructor(options: JsonLoggerOptions) {
    this.pino = pino(
      {
        level: PINO_LEVEL[options.level ?? 'log'],
        base: { service: options.service },
        messageKey: 'msg',
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        mixin: () => correlationFields(),
        // a second line of defence for fields that reach pino without going through redactValue
        redact: { paths: ['secretKey', 'password', 'authorization', 'headers.authorization', 'headers["apca-api-secret-key"]'], censor: '[REDACTED]' },
      },
      options.destination ?? pino.destination({ dest: 1, sync: false }),
    );
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    // Nest calls error(message, stack?, context?)
    this.write('error', message, params, true);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  setLogLevels(levels: LogLevel[]): void {
    const order: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];
    const lowest = order.find((level) => levels.includes(level));
    this.pino.level = lowest ? PINO_LEVEL[lowest] : 'silent';
  }

  /** Writes what is buffered (before exit). */
  flush(): void {
    this.pino.flush();
  }

  private write(level: pino.Level, message: unknown, params: unknown[], stackFirst = false): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const rest = params.filter((param) => param !== undefined);
    const contextName = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (contextName) fields.context = contextName;
    if (stackFirst && typeof rest[0] === 'string' && rest[0].includes('\n')) fields.stack = redactText(rest.shift() as string);
    if (rest.length > 0) fields.details = redactValue(rest.length === 1 ? rest[0] : rest);
    if (message instanceof Error) {
      fields.err = redactValue(message);
      this.pino[level](fields, redactText(message.message));
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, data: redactValue(message) }, '');
    } else {
      this.pino[level](fields, redactText(String(message)));
    }
  }
}

function correlationFields(): Record<string, string> {
  const fields: Record<string, string> = { ...currentLogContext() };
  // an active recording span (a child of the consumer span) is more precise than the log context
  const active = trace.getSpan(context.active())?.spanContext();
  if (active && isSpanContextValid(active)) {
    fields.trace_id = active.traceId;
    fields.span_id = active.spanId;
  }
  return fields;
}
