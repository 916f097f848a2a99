import { Module } from '@nestjs/common';
import { ArchiveModule } from '@trading/archive';
import { AppConfigModule } from '@trading/config';
import { MessagingModule } from '@trading/messaging';

@Module({ imports: [AppConfigModule.forRoot(), MessagingModule, ArchiveModule] })
export class ArchiverAppModule {}
