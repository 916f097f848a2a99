import { Logger } from '@nestjs/common';
import { Kafka, logLevel, LogEntry } from 'kafkajs';
import { cacheCoordinatorLookups } from './coordinator-lookup.cache';

export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

export interface KafkaClientOptions {
  readonly clientId: string;
  readonly brokers: readonly string[];
  readonly logLevel?: KafkaLogLevel;
}

const LEVELS: Readonly<Record<KafkaLogLevel, logLevel>> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

// We rely on the v2 default (Java-compatible murmur2) partitioner: the same key lands on the same
// partition number in every co-partitioned topic, whichever client wrote it.
const PARTITIONER_NOTICE = 'KafkaJS v2.0.0 switched default partitioner';

const logger = new Logger('kafkajs');

function logEntry({ level, label, log }: LogEntry): void {
  const { message, ...extra } = log;
  if (message.startsWith(PARTITIONER_NOTICE)) return;
  const line = `${label} ${message} ${JSON.stringify(extra)}`;
  if (level === logLevel.ERROR) logger.error(line);
  else if (level === logLevel.WARN) logger.warn(line);
  else logger.debug(line);
}

export function createKafkaClient(options: KafkaClientOptions): Kafka {
  cacheCoordinatorLookups();
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: LEVELS[options.logLevel ?? 'warn'],
    logCreator: () => logEntry,
  });
}
