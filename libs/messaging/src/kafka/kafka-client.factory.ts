import { Logger } from '@nestjs/common';
import { Kafka, logLevel, LogEntry } from 'kafkajs';

export interface KafkaClientOptions {
  readonly clientId: string;
  readonly brokers: readonly string[];
}

const logger = new Logger('kafkajs');

function logEntry({ level, label, log }: LogEntry): void {
  const { message, ...extra } = log;
  const line = `${label} ${message} ${JSON.stringify(extra)}`;
  if (level === logLevel.ERROR) logger.error(line);
  else if (level === logLevel.WARN) logger.warn(line);
  else logger.debug(line);
}

export function createKafkaClient(options: KafkaClientOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: logLevel.WARN,
    logCreator: () => logEntry,
    retry: { initialRetryTime: 100, retries: 8 },
  });
}
