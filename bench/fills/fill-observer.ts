import { TRADING_MESSAGES } from '@trading/contracts';
import { createKafkaClient, MessageRegistry } from '@trading/messaging';
import { Consumer } from 'kafkajs';
import { performance } from 'node:perf_hooks';
import { followFromEnd } from '../support/follow-from-end';
import { uniqueName } from '../support/unique-name';

/**
 * Watches the order-events log (read committed, as every reader of the system) and notes when each
 * order's final fill became visible, on the bench's `performance.now()` clock, and the Kafka record
 * time of every event by account and stream seq (the instant the OMS appended it, same machine clock).
 */
export class FillObserver {
  private readonly filledAt = new Map<string, number>();
  private readonly appended = new Map<string, number>();
  private readonly seen = new Map<string, number>();
  private readonly registry = new MessageRegistry().register(...TRADING_MESSAGES);

  private constructor(private readonly consumer: Consumer) {}

  /** Starts reading at the current end of the log and resolves once it is reading there. */
  static async start(brokers: readonly string[], topic: string): Promise<FillObserver> {
    const kafka = createKafkaClient({ clientId: 'bench-fill-observer', brokers, logLevel: 'error' });
    const consumer = kafka.consumer({ groupId: uniqueName('bench-fills'), maxWaitTimeInMs: 20 });
    const observer = new FillObserver(consumer);
    await followFromEnd(kafka, consumer, [topic], async ({ batch }) => {
      const at = performance.now();
      for (const message of batch.messages) observer.note(message.value, Number(message.timestamp), at);
    });
    return observer;
  }

  /** When the order's last fill was seen, or undefined. */
  filled(orderId: string): number | undefined {
    return this.filledAt.get(orderId);
  }

  /** Kafka record time (ms since the epoch) of the account's event `seq`, or undefined if not seen. */
  appendedAt(accountId: string, seq: number): number | undefined {
    return this.appended.get(`${accountId}:${seq}`);
  }

  /** When this observer's read-committed fetch returned the account's event `seq` (`performance.now()`). */
  seenAt(accountId: string, seq: number): number | undefined {
    return this.seen.get(`${accountId}:${seq}`);
  }

  /** Every event seen of these accounts, with its record time. */
  eventsOf(accountIds: ReadonlySet<string>): { accountId: string; seq: number; appendedMs: number }[] {
    const found: { accountId: string; seq: number; appendedMs: number }[] = [];
    for (const [key, appendedMs] of this.appended) {
      const split = key.lastIndexOf(':');
      const accountId = key.slice(0, split);
      if (accountIds.has(accountId)) found.push({ accountId, seq: Number(key.slice(split + 1)), appendedMs });
    }
    return found;
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }

  private note(value: Buffer | null, recordMs: number, at: number): void {
    const decoded = this.registry.decode(value);
    if (!decoded.ok) return;
    const key = `${decoded.envelope.accountId}:${decoded.envelope.seq}`;
    this.appended.set(key, recordMs);
    this.seen.set(key, at);
    if (decoded.envelope.type !== 'OrderFilled') return;
    this.filledAt.set((decoded.envelope.payload as { orderId: string }).orderId, at);
  }
}
