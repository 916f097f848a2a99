import { Clock } from '@trading/domain';
import { TradingMetrics } from '@trading/observability';
import { IHeaders, KafkaMessage, Producer, Transaction } from 'kafkajs';
import { DecodeFailure } from '../registry/decode-failure';

export const DEAD_LETTER_HEADER = {
  code: 'dead-letter-code',
  reason: 'dead-letter-reason',
  sourceTopic: 'dead-letter-source-topic',
  sourcePartition: 'dead-letter-source-partition',
  sourceOffset: 'dead-letter-source-offset',
  consumerGroup: 'dead-letter-consumer-group',
  at: 'dead-letter-at',
} as const;

export interface DeadLetterSource {
  readonly topic: string;
  readonly partition: number;
  readonly message: Pick<KafkaMessage, 'key' | 'value' | 'headers' | 'offset'>;
  readonly consumerGroup: string;
}

/**
 * Parks a message no consumer could accept: the original bytes, key and headers, plus headers
 * naming the reason and where it came from. Sent through a transaction when the caller has one,
 * so parking and moving on commit together.
 */
export class DeadLetterPublisher {
  constructor(
    private readonly topic: string,
    private readonly clock: Clock,
    private readonly metrics?: TradingMetrics,
  ) {}

  async publish(
    sender: Pick<Producer | Transaction, 'send'>,
    source: DeadLetterSource,
    failure: DecodeFailure,
  ): Promise<void> {
    const headers: IHeaders = {
      ...(source.message.headers ?? {}),
      [DEAD_LETTER_HEADER.code]: failure.code,
      [DEAD_LETTER_HEADER.reason]: failure.reason.slice(0, 4000),
      [DEAD_LETTER_HEADER.sourceTopic]: source.topic,
      [DEAD_LETTER_HEADER.sourcePartition]: String(source.partition),
      [DEAD_LETTER_HEADER.sourceOffset]: source.message.offset,
      [DEAD_LETTER_HEADER.consumerGroup]: source.consumerGroup,
      [DEAD_LETTER_HEADER.at]: this.clock.now().toISOString(),
    };
    await sender.send({
      topic: this.topic,
      messages: [{ key: source.message.key, value: source.message.value, headers }],
    });
    // counted when sent; inside a transaction that later aborts, the record is parked again on retry
    this.metrics?.deadLetters.inc({ group: source.consumerGroup, topic: source.topic, code: failure.code });
  }
}
