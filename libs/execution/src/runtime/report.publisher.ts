import { Context, context } from '@opentelemetry/api';
import { CoalescingSender, EnvelopeFactory, MessageRegistry, encodeEnvelope } from '@trading/messaging';
import { Producer } from 'kafkajs';
import { ExecutionReportBody } from '../reports/execution-report.mapper';

export const EXECUTION_REPORTED_VERSION = 2;

/**
 * Appends `ExecutionReported` to the executions topic, keyed by account, in the order the broker
 * sent them: one produce request in flight, carrying every report that arrived meanwhile (one
 * request per report capped fills at one round trip each, seconds behind under load). The
 * producer is idempotent: a retried send is not written twice; a report sent twice anyway
 * (reconciliation) is deduplicated by the OMS by execution id.
 */
export class ReportPublisher {
  private readonly sender: CoalescingSender;

  constructor(
    producer: Producer,
    private readonly registry: MessageRegistry,
    private readonly envelopes: EnvelopeFactory,
    topic: string,
  ) {
    this.sender = new CoalescingSender(producer, topic);
  }

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
    return this.sender.send(encodeEnvelope(envelope, { traceContext }));
  }
}
