import { Module } from '@nestjs/common';
import { ArchiverService } from './archiver/archiver.service';

/** The archiver: needs the MessagingModule (Kafka, topic catalogue, clock) and APP_CONFIG. */
@Module({ providers: [ArchiverService] })
export class ArchiveModule {}
