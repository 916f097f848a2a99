import { KafkaMessage } from 'kafkajs';
import { RawRecord } from '../model/record-mapping';

/** A consumed Kafka message as the archive's raw record; header values are read as UTF-8. */
export function rawRecordOf(topic: string, partition: number, message: KafkaMessage): RawRecord {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[name] = first.toString();
  }
  return {
    topic,
    partition,
    offset: message.offset,
    timestampMs: Number(message.timestamp),
    key: message.key ?? null,
    headers,
    value: message.value ?? null,
  };
}
