import { Clock, IdGenerator } from '@trading/domain';
import { Producer } from 'kafkajs';
import { EnvelopeFactory } from '../envelope/envelope.factory';
import { EventEnvelope } from '../envelope/event-envelope';
import { MessageRegistry } from '../registry/message-registry';
import { CoalescingSender } from './coalescing.sender';
import { encodeEnvelope } from './envelope.codec';

/** Appends commands to the commands topic, keyed by account; the OMS decides them. */
export class CommandPublisher {
  private readonly envelopes: EnvelopeFactory;
  private readonly sender: CoalescingSender;

  constructor(
    private readonly producer: Producer,
    private readonly registry: MessageRegistry,
    private readonly topic: string,
    ids: IdGenerator,
    clock: Clock,
  ) {
    this.envelopes = new EnvelopeFactory(ids, clock);
    this.sender = new CoalescingSender(producer, topic);
  }

  /** Builds and checks the envelope without sending it, so a waiter can be registered on its id first. */
  prepare(accountId: string, type: string, payload: unknown): EventEnvelope {
    const envelope = this.envelopes.create({
      type,
      schemaVersion: 1,
      accountId,
      streamId: `commands-${accountId}`,
      seq: 0,
      payload,
    });
    this.registry.assertPublishable(envelope);
    return envelope;
  }

  async publish(envelope: EventEnvelope): Promise<void> {
    await this.sender.send(encodeEnvelope(envelope));
  }

  /**
   * One copy of a command on every partition, for what every partition's owner must record (the
   * global kill switch). Returns the envelopes sent, one per partition.
   */
  async broadcast(accountId: string, type: string, payload: unknown, partitions: number): Promise<EventEnvelope[]> {
    const copies = Array.from({ length: partitions }, () => this.prepare(accountId, type, payload));
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: copies.map((envelope, partition) => ({ ...encodeEnvelope(envelope), partition })),
    });
    return copies;
  }
}
