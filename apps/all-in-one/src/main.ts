import 'reflect-metadata';
import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { APP_CONFIG, AppConfig, InvalidConfigError, loadAppConfig } from '@trading/config';
import { AppModule } from './app.module';

async function bootstrap(): Promise<void> {
  // Fail on configuration before touching any service, with a message that names the setting.
  const { LOG_LEVEL } = loadAppConfig(process.env);
  const levels = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
  const app = await NestFactory.create(AppModule, {
    abortOnError: false,
    logger: levels.slice(0, levels.indexOf(LOG_LEVEL) + 1),
  });
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.PORT, config.HOST);
  Logger.log(`all-in-one listening on http://${config.HOST}:${config.PORT}`, 'Bootstrap');
  closeOnSignal(app);
}

/** Stops taking work, runs every shutdown hook, and exits 0; a close that hangs exits 1. */
function closeOnSignal(app: INestApplication, graceMs = 15_000): void {
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

bootstrap().catch((error: unknown) => {
  if (error instanceof InvalidConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
