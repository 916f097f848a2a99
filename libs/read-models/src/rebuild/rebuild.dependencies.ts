import { Clock } from '@trading/domain';
import { MessageRegistry } from '@trading/messaging';
import { Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { sleep } from '../runtime/backoff';

/** What a rebuild needs of the running system; the same collaborators the live projectors use. */
export interface RebuildDependencies {
  readonly kafka: Kafka;
  readonly registry: MessageRegistry;
  readonly producer: Producer;
  readonly clock: Clock;
  /** The live PostgreSQL read side (its tables, checkpoints and pointers). */
  readonly dataSource: DataSource;
  readonly topic: string;
  /** `KAFKA_TOPIC_PREFIX`: the live projector of `name` consumes as `<prefix>projector-<name>`. */
  readonly groupPrefix: string;
}

export interface RebuildSettings {
  /** Names this rebuild's tables, schema and consumer group (letters, digits, `_`). */
  readonly label: string;
  readonly pollMs?: number;
  /** Longest the whole catch-up may take before the rebuild gives up (default one hour). */
  readonly catchUpTimeoutMs?: number;
  readonly maxBatchSize?: number;
}

export interface RebuildReport {
  readonly projection: 'orders' | 'positions';
  /** Where the read model lives now. */
  readonly active: string;
  /** Where the replaced one was kept. */
  readonly previous: string;
  /** Records the live projector had already parked as dead letters; not parked again. */
  readonly deadLettersSkipped: number;
}

export const liveGroupId = (deps: RebuildDependencies, name: string): string => `${deps.groupPrefix}projector-${name}`;
export const rebuildGroupId = (deps: RebuildDependencies, name: string, label: string): string =>
  `${liveGroupId(deps, name)}-rebuild-${label}`;

/** Polls `done` until it holds; throws past the deadline. */
export async function waitFor(what: string, done: () => Promise<boolean>, pollMs: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`rebuild: ${what} not reached within ${timeoutMs} ms`);
    await sleep(pollMs);
  }
}
