import { Context, context } from '@opentelemetry/api';
import { Consumer, Kafka, Producer } from 'kafkajs';
import { EventEnvelope } from '../envelope/event-envelope';
import { MessageRegistry } from '../registry/message-registry';
import { extractTraceContext } from '../trace/trace-context';
import { DeadLetterPublisher } from './dead-letter.publisher';

export interface ConsumedMeta {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** The producer's trace, restored from the headers; also made active where an SDK manages context. */
  readonly traceContext: Context;
}

export type EnvelopeHandler = (envelope: EventEnvelope, meta: ConsumedMeta) => Promise<void>;

export interface EnvelopeConsumerOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly fromBeginning: boolean;
  readonly handler: EnvelopeHandler;
}

/**
 * At-least-once consumer of enveloped messages, for idempotent handlers (projections, notifiers).
 * Reads only committed records. A record that fails validation is parked on the dead-letter topic
 * and the consumer goes on; a handler that throws is retried by kafkajs, never skipped.
 */
export class EnvelopeConsumer {
  private consumer: Consumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly registry: MessageRegistry,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly deadLetterProducer: Producer,
    private readonly options: EnvelopeConsumerOptions,
  ) {}

  async start(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: this.options.groupId, readUncommitted: false });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.options.topics], fromBeginning: this.options.fromBeginning });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const decoded = this.registry.decode(message.value);
        if (!decoded.ok) {
          await this.deadLetters.publish(
            this.deadLetterProducer,
            { topic, partition, message, consumerGroup: this.options.groupId },
            decoded.failure,
          );
          return;
        }
        const traceContext = extractTraceContext(message.headers);
        const meta = { topic, partition, offset: message.offset, traceContext };
        await context.with(traceContext, () => this.options.handler(decoded.envelope, meta));
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }
}
