import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@trading/config';
import { DYNAMODB, positionsTableDefinition } from '@trading/persistence';
import { DataSource } from 'typeorm';
import { OrdersProgress } from './orders/orders.progress';
import { PositionsProgress } from './positions/positions.progress';
import { ReadModelsService } from './read-models.service';
import { POSITIONS_TABLE } from './read-models.tokens';
import { ReadModelPointer } from './rebuild/read-model.pointer';

/**
 * The read side's projectors (orders to PostgreSQL, positions to DynamoDB) and their progress
 * readers. Needs the global MessagingModule and PersistenceModule from the host.
 */
@Module({})
export class ReadModelsModule {
  static forRoot(): DynamicModule {
    return {
      module: ReadModelsModule,
      providers: [
        ReadModelsService,
        {
          provide: POSITIONS_TABLE,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => positionsTableDefinition(config.DYNAMODB_TABLE_PREFIX).TableName,
        },
        { provide: OrdersProgress, inject: [DataSource], useFactory: (dataSource: DataSource) => new OrdersProgress(dataSource) },
        {
          provide: PositionsProgress,
          inject: [DYNAMODB, POSITIONS_TABLE, DataSource],
          useFactory: (client: DynamoDBClient, table: string, dataSource: DataSource) =>
            new PositionsProgress(client, new ReadModelPointer(dataSource, 'positions', table)),
        },
      ],
      exports: [OrdersProgress, PositionsProgress, POSITIONS_TABLE],
    };
  }
}
