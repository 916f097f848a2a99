import { Module } from '@nestjs/common';
import { AppConfigModule } from '@trading/config';
import { MessagingModule } from '@trading/messaging';
import { PersistenceModule } from '@trading/persistence';
import { ReadModelsModule } from '@trading/read-models';

@Module({ imports: [AppConfigModule.forRoot(), MessagingModule, PersistenceModule, ReadModelsModule.forRoot()] })
export class ProjectorAppModule {}
