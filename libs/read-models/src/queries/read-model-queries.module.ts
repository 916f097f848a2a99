import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@trading/config';
import { DYNAMODB, positionsTableDefinition } from '@trading/persistence';
import { DataSource } from 'typeorm';
import { OrdersProgress } from '../orders/orders.progress';
import { PositionsProgress } from '../positions/positions.progress';
import { ReadModelPointer } from '../rebuild/read-model.pointer';
import { OpenOrderHoldsQueryRepository } from './open-order-holds.query-repository';
import { OrdersQueryRepository } from './orders.query-repository';
import { PositionsQueryRepository } from './positions.query-repository';

/** The positions table, followed through the pointer a rebuild switches. */
const positionsTable = (dataSource: DataSource, config: AppConfig): ReadModelPointer =>
  new ReadModelPointer(dataSource, 'positions', positionsTableDefinition(config.DYNAMODB_TABLE_PREFIX).TableName);

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
      inject: [DYNAMODB, APP_CONFIG, DataSource],
      useFactory: (client: DynamoDBClient, config: AppConfig, dataSource: DataSource) =>
        new PositionsQueryRepository(client, positionsTable(dataSource, config)),
    },
    { provide: OrdersProgress, inject: [DataSource], useFactory: (dataSource: DataSource) => new OrdersProgress(dataSource) },
    {
      provide: PositionsProgress,
      inject: [DYNAMODB, APP_CONFIG, DataSource],
      useFactory: (client: DynamoDBClient, config: AppConfig, dataSource: DataSource) =>
        new PositionsProgress(client, positionsTable(dataSource, config)),
    },
  ],
  exports: [OrdersQueryRepository, OpenOrderHoldsQueryRepository, PositionsQueryRepository, OrdersProgress, PositionsProgress],
})
export class ReadModelQueriesModule {}
