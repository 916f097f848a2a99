import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, AppConfigModule } from '@trading/config';
import { ApiKeysModule } from '@trading/gateway';
import { MessagingModule } from '@trading/messaging';
import { postgresDataSourceOptions } from '@trading/persistence';
import { COMMAND_SIDE } from './accounts/command-side.port';
import { KafkaCommandSide } from './accounts/kafka-command-side';

/**
 * What the admin commands need, and nothing more: PostgreSQL (pending migrations run first; no
 * retries, a CLI should fail at once) rather than the whole PersistenceModule with its AWS clients,
 * and Kafka to send commands to the OMS.
 */
@Module({
  imports: [
    AppConfigModule.forRoot(),
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...postgresDataSourceOptions({ url: config.DATABASE_URL, poolSize: 2 }),
        migrationsRun: true,
        retryAttempts: 0,
      }),
    }),
    ApiKeysModule.forRoot(),
    MessagingModule,
  ],
  providers: [
    { provide: COMMAND_SIDE, useClass: KafkaCommandSide },
  ],
})
export class AdminModule {}
