import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_CONFIG_KEYS, AppConfig } from './app-config.schema';
import { loadAppConfig } from './load-app-config';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Validates the environment once at start-up and exposes it, typed, as the `APP_CONFIG` token. */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [ConfigModule.forRoot({ cache: true, validate: loadAppConfig })],
      providers: [
        {
          provide: APP_CONFIG,
          inject: [ConfigService],
          useFactory: (config: ConfigService): AppConfig =>
            Object.freeze(
              Object.fromEntries(APP_CONFIG_KEYS.map((key) => [key, config.get(key)])),
            ) as AppConfig,
        },
      ],
      exports: [APP_CONFIG],
    };
  }
}
