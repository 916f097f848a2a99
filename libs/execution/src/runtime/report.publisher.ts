import { Context, context } from '@opentelemetry/api';
import { EnvelopeFactory, MessageRegistry, encodeEnvelope } from '@trading/messaging';
import { Producer } from 'kafkajs';
import { ExecutionReportBody } from '../reports/execution-report.mapper';

export const EXECUTION_REPORTED_VERSION = 2;

/**
 * Appends `ExecutionReported` to the executions topic, keyed by account, one at a time so the
 * reports of an order reach the OMS in the order the broker sent them. The producer is idempotent:
 * a retried send is not written twice; a report sent twice anyway (reconciliation) is deduplicated
 * by the OMS by execution id.
 */
export class ReportPublisher {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly producer: Producer,
    private readonly registry: MessageRegistry,
    private readonly envelopes: EnvelopeFactory,
    private readonly topic: string,
  ) {}

  /** `traceContext`: the trace the report continues (default: the active one). */
  publish(accountId: string, correlationId: string, report: ExecutionReportBody, traceContext: Context = context.active()): Promise<void> {
    const envelope = this.envelopes.create({
      type: 'ExecutionReported',
      schemaVersion: EXECUTION_REPORTED_VERSION,
      accountId,
      streamId: `executions-${accountId}`,
      seq: 0,
      correlationId,
      payload: { report },
    });
    this.registry.assertPublishable(envelope);
    const message = encodeEnvelope(envelope, { traceContext });
    const sent = this.queue.then(() => this.producer.send({ topic: this.topic, acks: -1, messages: [message] }));
    this.queue = sent.catch(() => undefined);
    return sent.then(() => undefined);
  }
}
