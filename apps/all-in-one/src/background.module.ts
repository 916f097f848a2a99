import { Module } from '@nestjs/common';
import { ArchiveModule } from '@trading/archive';
import { AppConfigModule } from '@trading/config';
import { MessagingModule } from '@trading/messaging';
import { PersistenceModule } from '@trading/persistence';
import { ReadModelsModule } from '@trading/read-models';

/**
 * The all-in-one's work that neither an answer nor an order on its way to the market waits for:
 * the read models' projectors (orders to PostgreSQL, positions to DynamoDB) and the archiver. Both
 * catch up from their committed offsets, so they run on their own thread at a lower priority.
 */
@Module({
  imports: [AppConfigModule.forRoot(), MessagingModule, PersistenceModule, ReadModelsModule.forRoot(), ArchiveModule],
})
export class BackgroundModule {}
