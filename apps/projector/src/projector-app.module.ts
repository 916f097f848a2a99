import { Module } from '@nestjs/common';
import { AppConfigModule } from '@trading/config';
import { MessagingModule } from '@trading/messaging';
import { PersistenceModule } from '@trading/persistence';
import { ReadModelsModule } from '@trading/read-models';
import { RedisModule } from '@trading/redis';
import { loadTradeUpdatesSettings, TradeUpdatesModule } from '@trading/trade-updates';

/**
 * The read side's writers: the orders (PostgreSQL) and positions (DynamoDB) projections, and the
 * trade-updates notifier (order events to per-account Redis Streams, which the gateways stream).
 */
@Module({
  imports: [
    AppConfigModule.forRoot(),
    MessagingModule,
    PersistenceModule,
    RedisModule,
    ReadModelsModule.forRoot(),
    TradeUpdatesModule.forRoot({ ...loadTradeUpdatesSettings(process.env), stream: false }),
  ],
})
export class ProjectorAppModule {}
