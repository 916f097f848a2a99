import { Logger } from '@nestjs/common';
import { EventEnvelope } from '../envelope/event-envelope';

export type CommittedOutputsListener = (outputs: readonly EventEnvelope[]) => void;

/**
 * What exactly-once transactions of this process committed, per output topic, told to listeners
 * in the same process the moment the commit returns. The log makes those records readable only
 * once the broker has written the transaction's markers and a consumer has fetched them; a
 * co-located reader (the gateway's view, beside the OMS in the all-in-one process) hears them
 * first. The records are durable by then. Nothing here replaces reading the log: a listener gets
 * only this process's commits, and only from when it subscribed.
 */
export class CommittedOutputsFeed {
  private readonly logger = new Logger(CommittedOutputsFeed.name);
  private readonly listeners = new Map<string, Set<CommittedOutputsListener>>();

  /** Returns the unsubscribe function. */
  subscribe(topic: string, listener: CommittedOutputsListener): () => void {
    const listeners = this.listeners.get(topic) ?? new Set();
    listeners.add(listener);
    this.listeners.set(topic, listeners);
    return () => {
      listeners.delete(listener);
    };
  }

  /** Called once per committed transaction with its outputs to `topic`, in log order. */
  publish(topic: string, outputs: readonly EventEnvelope[]): void {
    if (outputs.length === 0) return;
    for (const listener of this.listeners.get(topic) ?? []) {
      try {
        listener(outputs);
      } catch (error) {
        // a listener's failure must not look like a failed commit: it reads the log anyway
        this.logger.error(`a listener of ${topic} failed: ${String(error)}`);
      }
    }
  }
}
