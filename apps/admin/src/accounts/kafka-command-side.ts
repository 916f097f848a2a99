import { Inject, Injectable } from '@nestjs/common';
import { SYSTEM_ACCOUNT, TRADING_MESSAGES } from '@trading/contracts';
import { Clock, IdGenerator } from '@trading/domain';
import {
  CLOCK,
  CommandPublisher,
  ID_GENERATOR,
  KAFKA_PRODUCER,
  MESSAGE_REGISTRY,
  MessageRegistry,
  TOPIC_CATALOGUE,
  TopicCatalogue,
  TopicProvisioningService,
} from '@trading/messaging';
import { Producer } from 'kafkajs';
import { CommandSide } from './command-side.port';

@Injectable()
export class KafkaCommandSide implements CommandSide {
  private readonly publisher: CommandPublisher;

  constructor(
    @Inject(KAFKA_PRODUCER) producer: Producer,
    @Inject(MESSAGE_REGISTRY) registry: MessageRegistry,
    @Inject(TOPIC_CATALOGUE) private readonly catalogue: TopicCatalogue,
    @Inject(ID_GENERATOR) ids: IdGenerator,
    @Inject(CLOCK) clock: Clock,
    private readonly topics: TopicProvisioningService,
  ) {
    this.publisher = new CommandPublisher(producer, registry.register(...TRADING_MESSAGES), catalogue.name('commands'), ids, clock);
  }

  async send(accountId: string, type: string, payload: unknown): Promise<string> {
    await this.topics.ensureProvisioned();
    const command = this.publisher.prepare(accountId, type, payload);
    await this.publisher.publish(command);
    return command.eventId;
  }

  async broadcast(type: string, payload: unknown): Promise<readonly string[]> {
    await this.topics.ensureProvisioned();
    const copies = await this.publisher.broadcast(SYSTEM_ACCOUNT, type, payload, this.catalogue.topic('commands').partitions);
    return copies.map((c) => c.eventId);
  }
}
