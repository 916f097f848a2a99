import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@trading/config';
import { DYNAMODB, positionsTableDefinition } from '@trading/persistence';
import { DataSource } from 'typeorm';
import { OrdersProgress } from '../orders/orders.progress';
import { PositionsProgress } from '../positions/positions.progress';
import { OpenOrderHoldsQueryRepository } from './open-order-holds.query-repository';
import { OrdersQueryRepository } from './orders.query-repository';
import { PositionsQueryRepository } from './positions.query-repository';

const tableName = (config: AppConfig): string => positionsTableDefinition(config.DYNAMODB_TABLE_PREFIX).TableName;

/**
 * The read side's query repositories and progress readers, without the projectors: a gateway can
 * serve reads without projecting. Needs the global AppConfigModule and PersistenceModule.
 */
@Module({
  providers: [
    { provide: OrdersQueryRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new OrdersQueryRepository(dataSource) },
    {
      provide: OpenOrderHoldsQueryRepository,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new OpenOrderHoldsQueryRepository(dataSource),
    },
    {
      provide: PositionsQueryRepository,
      inject: [DYNAMODB, APP_CONFIG],
      useFactory: (client: DynamoDBClient, config: AppConfig) => new PositionsQueryRepository(client, tableName(config)),
    },
    { provide: OrdersProgress, inject: [DataSource], useFactory: (dataSource: DataSource) => new OrdersProgress(dataSource) },
    {
      provide: PositionsProgress,
      inject: [DYNAMODB, APP_CONFIG],
      useFactory: (client: DynamoDBClient, config: AppConfig) => new PositionsProgress(client, tableName(config)),
    },
  ],
  exports: [OrdersQueryRepository, OpenOrderHoldsQueryRepository, PositionsQueryRepository, OrdersProgress, PositionsProgress],
})
export class ReadModelQueriesModule {}
