import 'reflect-metadata';
import { Logger } from '@nestjs/common';
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
  app.enableShutdownHooks();
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.PORT, config.HOST);
  Logger.log(`all-in-one listening on http://${config.HOST}:${config.PORT}`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  if (error instanceof InvalidConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
