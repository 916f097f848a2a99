import { INestApplicationContext, Logger, LogLevel } from '@nestjs/common';
import { InvalidConfigError } from '@trading/config';

const LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Nest's logger levels up to and including the configured one. */
export function logLevelsUpTo(level: LogLevel): LogLevel[] {
  return LEVELS.slice(0, LEVELS.indexOf(level) + 1);
}

/**
 * On SIGTERM or SIGINT: stop taking work, run every shutdown hook, exit 0. A close that hangs
 * past the grace period exits 1.
 */
export function closeOnSignal(app: INestApplicationContext, graceMs = 15_000): void {
  const close = (signal: NodeJS.Signals) => {
    Logger.log(`${signal} received, shutting down`, 'Bootstrap');
    setTimeout(() => {
      process.stderr.write(`shutdown did not finish within ${graceMs} ms\n`);
      process.exit(1);
    }, graceMs).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}

/** A bad setting prints just the list of problems; anything else its stack. Exits 1. */
export function exitOnStartupFailure(error: unknown): never {
  process.stderr.write(
    error instanceof InvalidConfigError
      ? `${error.message}\n`
      : `start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
}
