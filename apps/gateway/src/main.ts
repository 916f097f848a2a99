import 'reflect-metadata';
import { loadAppConfig } from '@trading/config';
import { serveHttp } from '@trading/gateway';
import { exitOnStartupFailure } from '@trading/platform';
import { GatewayAppModule } from './gateway-app.module';

/** The HTTP edge alone (GatewayAppModule); the all-in-one process hosts it with everything else. */
async function bootstrap(): Promise<void> {
  // Fail on configuration before touching any service, with a message that names the setting.
  const config = loadAppConfig(process.env);
  await serveHttp('gateway', config, () => GatewayAppModule.forRoot(config));
}

bootstrap().catch(exitOnStartupFailure);
