import { Logger } from '@nestjs/common';
import { DeadLetterPublisher, EnvelopeConsumer, EventEnvelope, MessageRegistry } from '@trading/messaging';
import { Kafka, Producer } from 'kafkajs';
import { StreamEntry } from '../stream/stream-entry';
import { AccountOrders, Append, TradeUpdatesStore } from '../stream/trade-updates.store';
import { foldOrderEvent } from '../updates/account-orders.fold';
import { AccountEventEnvelope, concernsOrders, createdOrderIdsOf, isAccountEvent, orderIdsOf } from '../updates/order-events';
import { KnownOrdersCache } from './known-orders.cache';

export interface TradeUpdatesNotifierOptions {
  readonly groupId: string;
  readonly topic: string;
}

export type NotifyOutcome = 'published' | 'duplicate' | 'ignored' | 'inconsistent';

/** An event to notify; `inSpan` runs its fold in the record's consumer span. */
export interface NotifiedRecord {
  readonly envelope: EventEnvelope;
  readonly inSpan?: <T>(work: () => T) => T;
}

interface PendingAppend extends Append {
  /** Of the record in the batch. */
  readonly index: number;
}

type FoldedEvent = ReturnType<typeof foldOrderEvent>;

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
      // a partition's batch at once: its appends go to Redis in one round trip
      handler: async (records) => {
        await this.notifyAll(records);
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

  /** One event on its own; see `notifyAll`. */
  async notify(envelope: EventEnvelope): Promise<NotifyOutcome> {
    const [outcome] = await this.notifyAll([{ envelope }]);
    return outcome ?? 'ignored';
  }

  /**
   * Events of one partition, in log order, with their appends sent to Redis in one round trip.
   * Each event is folded on top of the ones before it in the batch; Redis is read only for an
   * account this instance does not know, and only after what is pending is written.
   */
  async notifyAll(records: readonly NotifiedRecord[]): Promise<NotifyOutcome[]> {
    const outcomes: NotifyOutcome[] = records.map(() => 'ignored');
    let pending: PendingAppend[] = [];
    const flush = async (): Promise<void> => {
      const sent = pending;
      pending = [];
      if (sent.length === 0) return;
      const applied = await this.store.appendAll(sent);
      sent.forEach(({ index, accountId }, n) => {
        if (applied[n]) return;
        // another instance got further: what is known here is behind
        outcomes[index] = 'duplicate';
        this.known.forget(accountId);
      });
    };
    try {
      for (const [index, { envelope, inSpan }] of records.entries()) {
        if (!isAccountEvent(envelope) || !concernsOrders(envelope.payload)) continue;
        const { accountId, seq, payload } = envelope;
        const orderIds = orderIdsOf(payload);
        let known = this.known.lookup(accountId, orderIds, createdOrderIdsOf(payload));
        if (!known) {
          // Redis must hold what this batch folded so far before it is read
          await flush();
          known = await this.load(accountId, orderIds);
        }
        if (seq <= known.lastSeq) {
          outcomes[index] = 'duplicate';
          continue;
        }
        const from = known;
        const folded = inSpan ? inSpan(() => this.fold(envelope, from)) : this.fold(envelope, from);
        if (!folded) {
          outcomes[index] = 'inconsistent';
          continue;
        }
        const entries: StreamEntry[] = folded.updates.map((update, n) => ({
          position: { seq, index: n },
          event: update.event,
          data: JSON.stringify(update),
        }));
        // what the append will make true; undone by `forget` if Redis refuses it
        this.known.applied(accountId, seq, folded.changed);
        pending.push({ index, accountId, seq, changed: folded.changed, entries });
        outcomes[index] = 'published';
      }
      await flush();
    } catch (error) {
      // what was folded but maybe not written is known here: start over from Redis
      this.known.clear();
      throw error;
    }
    return outcomes;
  }

  /** The event folded into the orders it names; null when they cannot take it (logged). */
  private fold(envelope: AccountEventEnvelope, known: AccountOrders): FoldedEvent | null {
    try {
      return foldOrderEvent(envelope.accountId, known.orders, envelope.payload);
    } catch (error) {
      // the orders kept in Redis are gone or behind (flushed, expired): no update can be built
      this.logger.warn(`${envelope.type} #${envelope.seq} of ${envelope.accountId} skipped: ${String(error)}`);
      this.known.forget(envelope.accountId);
      return null;
    }
  }

  private async load(accountId: string, orderIds: readonly string[]): Promise<AccountOrders> {
    const read = await this.store.load(accountId, orderIds);
    this.known.loaded(accountId, orderIds, read);
    return read;
  }
}
