import 'reflect-metadata';
import { loadAppConfig } from '@trading/config';
import { serveHttp } from '@trading/gateway';
import { exitOnStartupFailure } from '@trading/platform';
import { AppModule } from './app.module';

async function bootstrap(): Promise<void> {
  // Fail on configuration before touching any service, with a message that names the setting.
  const config = loadAppConfig(process.env);
  await serveHttp('all-in-one', config, () => AppModule.forRoot(config));
}

bootstrap().catch(exitOnStartupFailure);
