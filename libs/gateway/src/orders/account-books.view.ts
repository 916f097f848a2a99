import { Logger } from '@nestjs/common';
import { AccountBookEvent, AccountBookState, accountBookDecider, Order } from '@trading/domain';
import { CommittedOutputsFeed, EventEnvelope, fetchLogEnds, MessageRegistry } from '@trading/messaging';
import { Consumer, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';

/**
 * How the view reads the log. `eager`: a fetch returns as soon as an event is readable, for a
 * gateway that learns decisions from the log alone. `batched`: beside an OMS whose commits reach
 * the view in-process, the log is the fallback (events of partitions owned elsewhere, catching
 * up), read in larger fetches at most `BATCHED_FETCH_WAIT_MS` apart: a tenth of the fetches.
 */
export type ViewLogFetch = 'eager' | 'batched';

const BATCHED_FETCH_WAIT_MS = 100;
const BATCHED_FETCH_MIN_BYTES = 64 * 1024;

interface Waiter {
  readonly resolve: (decision: EventEnvelope | null) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * The gateway's view of every account book, folded from the order-events log with the domain's
 * own evolve, and the place where a request waits for the OMS's decision on its command. Every
 * gateway process reads the whole log (its own consumer group, nothing committed).
 *
 * Beside an OMS in the same process, it also hears the OMS's commits directly (`committed`), a
 * fetch round trip before the log has them. Such an event is applied only when it is the next of
 * its account's stream; otherwise it waits for the log. The log's copy of an event applied early
 * is then skipped by its seq.
 */
export class AccountBooksView {
  private readonly logger = new Logger(AccountBooksView.name);
  private readonly books = new Map<string, AccountBookState>();
  private readonly seqs = new Map<string, number>();
  private readonly waiters = new Map<string, Waiter>();
  private consumer: Consumer | undefined;
  private caughtUp: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly registry: MessageRegistry,
    private readonly topic: string,
    private readonly committed?: CommittedOutputsFeed,
    private readonly logFetch: ViewLogFetch = 'eager',
  ) {}

  async start(): Promise<void> {
    this.unsubscribe = this.committed?.subscribe(this.topic, (envelopes) => {
      for (const envelope of envelopes) this.applyEnvelope(envelope, 'committed');
    });
    const admin = this.kafka.admin();
    await admin.connect();
    let ends: Map<number, bigint>;
    try {
      ends = await fetchLogEnds(admin, this.topic);
    } finally {
      await admin.disconnect();
    }
    // eager: the broker answers a fetch as soon as a decision is readable, the wait only spaces idle polls
    const fetch = this.logFetch === 'batched' ? { minBytes: BATCHED_FETCH_MIN_BYTES, maxWaitTimeInMs: BATCHED_FETCH_WAIT_MS } : { maxWaitTimeInMs: 500 };
    const consumer = this.kafka.consumer({ groupId: `gateway-view-${randomUUID()}`, readUncommitted: false, ...fetch });
    this.consumer = consumer;
    this.caughtUp = new Promise<void>((resolve) => {
      if (ends.size === 0) resolve();
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        const end = ends.get(payload.partition);
        if (end !== undefined && BigInt(payload.lastOffset) >= end) ends.delete(payload.partition);
        if (ends.size === 0) resolve();
      });
    });
    await consumer.connect();
    await consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await consumer.run({ autoCommit: false, eachMessage: async ({ message }) => this.apply(message.value) });
  }

  /** Resolves once the view holds everything that was in the log when it started. */
  ready(): Promise<void> {
    return this.caughtUp ?? Promise.reject(new Error('view not started'));
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    for (const [commandId, waiter] of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve(null);
      this.waiters.delete(commandId);
    }
    await this.consumer?.disconnect();
  }

  /**
   * The first event the OMS decided for this command, or null when none came in time. Call it
   * before publishing the command, so a fast decision cannot be missed.
   */
  decisionFor(commandId: string, timeoutMs: number): Promise<EventEnvelope | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(commandId);
        resolve(null);
      }, timeoutMs);
      this.waiters.set(commandId, { resolve, timer });
    });
  }

  /** The last seq of the account's stream this view has applied: what reads must not go behind. */
  lastSeq(accountId: string): number {
    return this.seqs.get(accountId) ?? 0;
  }

  book(accountId: string): AccountBookState | undefined {
    return this.books.get(accountId);
  }

  order(accountId: string, orderId: string): Order | undefined {
    const book = this.books.get(accountId);
    return book?.status === 'open' ? book.orders.get(orderId) : undefined;
  }

  orderByClientOrderId(accountId: string, clientOrderId: string): Order | undefined {
    const book = this.books.get(accountId);
    if (book?.status !== 'open') return undefined;
    const orderId = book.clientOrderIds.get(clientOrderId);
    return orderId === undefined ? undefined : book.orders.get(orderId);
  }

  orders(accountId: string): readonly Order[] {
    const book = this.books.get(accountId);
    return book?.status === 'open' ? [...book.orders.values()] : [];
  }

  private apply(value: Buffer | null): void {
    const decoded = this.registry.decode(value);
    if (!decoded.ok) {
      this.logger.warn(`unreadable order event skipped: ${decoded.failure.code} ${decoded.failure.reason}`);
      return;
    }
    this.applyEnvelope(decoded.envelope, 'log');
  }

  /** `committed`: heard from a co-located OMS, possibly ahead of what the log delivered so far. */
  private applyEnvelope(envelope: EventEnvelope, source: 'log' | 'committed'): void {
    if (envelope.type !== 'GlobalTradingStateSet') {
      const last = this.lastSeq(envelope.accountId);
      if (envelope.seq > last) {
        // an earlier event of the stream is still on its way through the log: it must come first
        if (source === 'committed' && envelope.seq !== last + 1) return;
        const current = this.books.get(envelope.accountId) ?? accountBookDecider.initialState();
        this.books.set(envelope.accountId, accountBookDecider.evolve(current, envelope.payload as AccountBookEvent));
        this.seqs.set(envelope.accountId, envelope.seq);
      }
    }
    const waiter = envelope.causationId === null ? undefined : this.waiters.get(envelope.causationId);
    if (waiter && envelope.causationId !== null) {
      clearTimeout(waiter.timer);
      this.waiters.delete(envelope.causationId);
      waiter.resolve(envelope);
    }
  }
}
