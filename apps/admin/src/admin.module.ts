import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, AppConfigModule } from '@trading/config';
import { ApiKeysModule } from '@trading/gateway';
import { TRADING_MESSAGES } from '@trading/contracts';
import { Clock } from '@trading/domain';
import { CLOCK, KAFKA, KAFKA_PRODUCER, MESSAGE_REGISTRY, MessageRegistry, MessagingModule, TOPIC_CATALOGUE, TopicCatalogue } from '@trading/messaging';
import { postgresDataSourceOptions } from '@trading/persistence';
import { ProjectionRebuilder } from '@trading/read-models';
import { Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
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
    {
      // the live projectors' own collaborators; DynamoDB only when positions are rebuilt
      provide: ProjectionRebuilder,
      inject: [APP_CONFIG, KAFKA, KAFKA_PRODUCER, MESSAGE_REGISTRY, TOPIC_CATALOGUE, CLOCK, DataSource],
      useFactory: (config: AppConfig, kafka: Kafka, producer: Producer, registry: MessageRegistry, catalogue: TopicCatalogue, clock: Clock, dataSource: DataSource) =>
        new ProjectionRebuilder(
          { kafka, producer, registry: registry.register(...TRADING_MESSAGES), clock, dataSource, topic: catalogue.name('orderEvents'), groupPrefix: config.KAFKA_TOPIC_PREFIX },
          { dynamodbEndpoint: config.DYNAMODB_ENDPOINT, awsRegion: config.AWS_REGION, tablePrefix: config.DYNAMODB_TABLE_PREFIX },
        ),
    },
  ],
})
export class AdminModule {}
