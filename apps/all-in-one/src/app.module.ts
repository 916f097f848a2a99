import { Module } from '@nestjs/common';
import { AppConfigModule } from '@trading/config';
import { GatewayOrdersModule } from '@trading/gateway';
import { MarketDataModule } from '@trading/market-data';
import { MessagingModule } from '@trading/messaging';
import { OmsModule } from '@trading/oms';
import { PersistenceModule } from '@trading/persistence';
import { RedisModule } from '@trading/redis';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';

// one instance, shared by the quotes endpoint and the OMS's reference prices
const marketData = MarketDataModule.forRoot();

/** Every module in one process, for the quick start. Feature modules plug in here. */
@Module({
  imports: [
    AppConfigModule.forRoot(),
    MessagingModule,
    PersistenceModule,
    RedisModule,
    marketData,
    OmsModule.forRoot({ marketData }),
    GatewayOrdersModule.forRoot(),
  ],
  controllers: [HealthController],
  providers: [HealthService],
})
export class AppModule {}
