import { Logger } from '@nestjs/common';
import { DeadLetterPublisher, EnvelopeConsumer, EventEnvelope, MessageRegistry } from '@trading/messaging';
import { Kafka, Producer } from 'kafkajs';
import { StreamEntry } from '../stream/stream-entry';
import { TradeUpdatesStore } from '../stream/trade-updates.store';
import { foldOrderEvent } from '../updates/account-orders.fold';
import { concernsOrders, isAccountEvent, orderIdsOf } from '../updates/order-events';

export interface TradeUpdatesNotifierOptions {
  readonly groupId: string;
  readonly topic: string;
}

export type NotifyOutcome = 'published' | 'duplicate' | 'ignored' | 'inconsistent';

/**
 * Turns the order-events log into trade updates in Redis, at least once: each account event is
 * folded into the orders it names (kept in Redis beside the stream), mapped, and appended and
 * published in one script that refuses a seq already applied, so a redelivery publishes nothing.
 */
export class TradeUpdatesNotifier {
  private readonly logger = new Logger(TradeUpdatesNotifier.name);
  private readonly consumer: EnvelopeConsumer;

  constructor(
    kafka: Kafka,
    registry: MessageRegistry,
    deadLetters: DeadLetterPublisher,
    deadLetterProducer: Producer,
    private readonly store: TradeUpdatesStore,
    options: TradeUpdatesNotifierOptions,
  ) {
    this.consumer = new EnvelopeConsumer(kafka, registry, deadLetters, deadLetterProducer, {
      groupId: options.groupId,
      topics: [options.topic],
      // a new group rebuilds the orders it keeps from the start of the log of record
      fromBeginning: true,
      handler: async (envelope) => {
        await this.notify(envelope);
      },
    });
  }

  start(): Promise<void> {
    return this.consumer.start();
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }

  async notify(envelope: EventEnvelope): Promise<NotifyOutcome> {
    if (!isAccountEvent(envelope) || !concernsOrders(envelope.payload)) return 'ignored';
    const { accountId, seq, payload } = envelope;
    const known = await this.store.load(accountId, orderIdsOf(payload));
    if (seq <= known.lastSeq) return 'duplicate';
    let folded;
    try {
      folded = foldOrderEvent(accountId, known.orders, payload);
    } catch (error) {
      // the orders kept in Redis are gone or behind (flushed, expired): no update can be built
      this.logger.warn(`${envelope.type} #${seq} of ${accountId} skipped: ${String(error)}`);
      return 'inconsistent';
    }
    const entries: StreamEntry[] = folded.updates.map((update, index) => ({
      position: { seq, index },
      event: update.event,
      data: JSON.stringify(update),
    }));
    const applied = await this.store.append(accountId, seq, folded.changed, entries);
    return applied ? 'published' : 'duplicate';
  }
}
