import { Message, Producer } from 'kafkajs';

interface Pending {
  readonly message: Message;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Sends the messages of many concurrent callers in few produce requests: whatever arrives while
 * `maxInFlight` sends are out goes in the next one. Under light load every message leaves at once;
 * under heavy load requests grow instead of queueing, which keeps latency flat. kafkajs sends one
 * request at a time per idempotent producer anyway, so one in flight loses nothing.
 */
export class CoalescingSender {
  private queue: Pending[] = [];
  private inFlight = 0;

  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
    private readonly maxInFlight = 1,
    private readonly maxBatch = 1000,
  ) {}

  send(message: Message): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      this.producer
        .send({ topic: this.topic, acks: -1, messages: batch.map((pending) => pending.message) })
        .then(
          () => batch.forEach((pending) => pending.resolve()),
          (error: unknown) => batch.forEach((pending) => pending.reject(error)),
        )
        .finally(() => {
          this.inFlight -= 1;
          this.flush();
        });
    }
  }
}
