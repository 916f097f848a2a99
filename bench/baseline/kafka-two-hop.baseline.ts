import { createKafkaClient, createTopicsAndWait } from '@trading/messaging';
import { Consumer, Producer } from 'kafkajs';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Outcome } from '../driver/open-loop-driver';
import { BENCH_BUILD, RunningChild, startNode } from '../support/child-process';
import { until } from '../support/sleep';
import { CORRELATION_HEADER, RESPONDER_READY, TwoHopTopics, twoHopTopics } from './two-hop.protocol';

export interface TwoHopOptions {
  readonly brokers: readonly string[];
  /** The run's topic prefix: the baseline's two topics live next to the system's. */
  readonly prefix: string;
  /** As many as the system's account-keyed topics. */
  readonly partitions: number;
  /** A request with no reply after this counts as a timeout. */
  readonly timeoutMs: number;
  /** Bytes of each request, about a command envelope. */
  readonly payloadBytes: number;
}

interface Waiter {
  readonly resolve: (outcome: Outcome) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * The bare kafkajs two-hop round trip the order path is compared with: the requester (this
 * process, as the HTTP client is for orders) produces to topic A with an idempotent producer and
 * `acks: -1`; a responder in its own process (as the OMS is) consumes A and produces the reply to
 * topic B; the requester's consumer of B resolves the waiting request by correlation id.
 */
export class KafkaTwoHopBaseline {
  private readonly waiters = new Map<string, Waiter>();
  private readonly payload: Buffer;

  private constructor(
    private readonly options: TwoHopOptions,
    private readonly topics: TwoHopTopics,
    private readonly producer: Producer,
    private readonly consumer: Consumer,
    private readonly responder: RunningChild,
  ) {
    this.payload = randomBytes(Math.ceil(options.payloadBytes / 2));
  }

  get responderPid(): number {
    return this.responder.pid;
  }

  static async start(options: TwoHopOptions): Promise<KafkaTwoHopBaseline> {
    const kafka = createKafkaClient({ clientId: 'bench-two-hop-requester', brokers: options.brokers, logLevel: 'error' });
    const topics = twoHopTopics(options.prefix);
    const admin = kafka.admin();
    await admin.connect();
    try {
      await createTopicsAndWait(admin, [topics.requests, topics.replies].map((topic) => ({ topic, numPartitions: options.partitions, replicationFactor: 1 })),);
    } finally {
      await admin.disconnect();
    }
    const responder = startNode(join(BENCH_BUILD, 'baseline', 'kafka-two-hop.responder.js'), [], {
      BENCH_KAFKA_BROKERS: options.brokers.join(','),
      BENCH_TOPIC_PREFIX: options.prefix,
      BENCH_GROUP_ID: `${options.prefix}bench-two-hop-responder`,
    });
    // the gateway's settings: its idempotent producer, its view's 50 ms fetch wait
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 5 });
    const consumer = kafka.consumer({ groupId: `${options.prefix}bench-two-hop-requester-${randomUUID()}`, maxWaitTimeInMs: 50 });
    const baseline = new KafkaTwoHopBaseline(options, topics, producer, consumer, responder);
    try {
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topic: topics.replies, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => baseline.onReply(message.headers?.[CORRELATION_HEADER]) });
      const exited = (): Error | undefined => (responder.process.exitCode === null ? undefined : new Error(`responder exited:\n${responder.output()}`));
      await until(
        async () => {
          if (!responder.stdout().includes(RESPONDER_READY)) throw new Error('responder not in its group yet');
        },
        60_000,
        250,
        exited,
      );
      // the first round trip proves both consumers are assigned and reading
      await until(async () => {
        const outcome = await baseline.roundTrip(0);
        if (!outcome.served) throw new Error(`probe round trip: ${outcome.kind} ${outcome.detail ?? ''}`);
      }, 60_000, 0, exited);
    } catch (error) {
      await baseline.stop();
      throw error;
    }
    return baseline;
  }

  roundTrip(_index: number): Promise<Outcome> {
    const id = randomUUID();
    const done = new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(id);
        resolve({ kind: 'timeout', answered: false, served: false, detail: `no reply within ${this.options.timeoutMs} ms` });
      }, this.options.timeoutMs);
      this.waiters.set(id, { resolve, timer });
    });
    // keyed like an account id, so requests spread over the partitions
    this.producer
      .send({ topic: this.topics.requests, acks: -1, messages: [{ key: randomUUID(), value: this.payload.toString('hex'), headers: { [CORRELATION_HEADER]: id } }] })
      .catch((error: unknown) => this.settle(id, { kind: 'error', answered: false, served: false, detail: error instanceof Error ? error.message : String(error) }));
    return done;
  }

  async stop(): Promise<void> {
    for (const id of [...this.waiters.keys()]) this.settle(id, { kind: 'error', answered: false, served: false, detail: 'stopped' });
    await Promise.allSettled([this.consumer.disconnect(), this.producer.disconnect()]);
    await this.responder.stop(10_000);
  }

  private onReply(header: Buffer | string | (Buffer | string)[] | undefined): void {
    const id = Array.isArray(header) ? header[0] : header;
    if (id !== undefined) this.settle(id.toString(), { kind: 'reply', answered: true, served: true });
  }

  private settle(id: string, outcome: Outcome): void {
    const waiter = this.waiters.get(id);
    if (waiter === undefined) return;
    clearTimeout(waiter.timer);
    this.waiters.delete(id);
    waiter.resolve(outcome);
  }
}
