import { Module } from '@nestjs/common';
import { AppConfigModule } from '@trading/config';
import { MessagingModule } from '@trading/messaging';
import { PersistenceModule } from '@trading/persistence';
import { RedisModule } from '@trading/redis';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';

/** Every module in one process, for the quick start. Feature modules plug in here. */
@Module({
  imports: [AppConfigModule.forRoot(), MessagingModule, PersistenceModule, RedisModule],
  controllers: [HealthController],
  providers: [HealthService],
})
export class AppModule {}
