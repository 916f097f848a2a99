import { Logger } from '@nestjs/common';
import { DeadLetterPublisher, EnvelopeConsumer, EventEnvelope, MessageRegistry } from '@trading/messaging';
import { Kafka, Producer } from 'kafkajs';
import { StreamEntry } from '../stream/stream-entry';
import { AccountOrders, TradeUpdatesStore } from '../stream/trade-updates.store';
import { foldOrderEvent } from '../updates/account-orders.fold';
import { AccountEventEnvelope, concernsOrders, createdOrderIdsOf, isAccountEvent, orderIdsOf } from '../updates/order-events';
import { KnownOrdersCache } from './known-orders.cache';

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
  /** Spares the read before most appends; only right while this instance owns the partition. */
  private readonly known = new KnownOrdersCache();

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
      // another instance may have written meanwhile
      onAssignment: () => this.known.clear(),
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
    try {
      return await this.apply(envelope);
    } catch (error) {
      this.known.forget(envelope.accountId);
      throw error;
    }
  }

  private async apply(envelope: AccountEventEnvelope): Promise<NotifyOutcome> {
    const { accountId, seq, payload } = envelope;
    const orderIds = orderIdsOf(payload);
    const known = this.known.lookup(accountId, orderIds, createdOrderIdsOf(payload)) ?? (await this.load(accountId, orderIds));
    if (seq <= known.lastSeq) return 'duplicate';
    let folded;
    try {
      folded = foldOrderEvent(accountId, known.orders, payload);
    } catch (error) {
      // the orders kept in Redis are gone or behind (flushed, expired): no update can be built
      this.logger.warn(`${envelope.type} #${seq} of ${accountId} skipped: ${String(error)}`);
      this.known.forget(accountId);
      return 'inconsistent';
    }
    const entries: StreamEntry[] = folded.updates.map((update, index) => ({
      position: { seq, index },
      event: update.event,
      data: JSON.stringify(update),
    }));
    const applied = await this.store.append(accountId, seq, folded.changed, entries);
    if (!applied) {
      // another instance got further: what is known here is behind
      this.known.forget(accountId);
      return 'duplicate';
    }
    this.known.applied(accountId, seq, folded.changed);
    return 'published';
  }

  private async load(accountId: string, orderIds: readonly string[]): Promise<AccountOrders> {
    const read = await this.store.load(accountId, orderIds);
    this.known.loaded(accountId, orderIds, read);
    return read;
  }
}
