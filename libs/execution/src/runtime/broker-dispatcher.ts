import { Logger } from '@nestjs/common';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { BrokerAdapter } from '@trading/broker-sdk';
import { Clock } from '@trading/domain';
import { ATTR, inSpan } from '@trading/observability';
import { BrokerIntent, BrokerOutcome, INTENT_ACTION } from '../journal/execution-journal.entries';
import { refusalReport } from '../reports/execution-report.mapper';
import { BrokerCallOutcome } from '../resilience/broker-call.outcome';
import { ResilientBroker } from '../resilience/resilient-broker';
import { JournalWriter } from './journal.writer';
import { ReportPublisher } from './report.publisher';

export interface DispatcherOptions {
  /** How long after an unknown outcome (or a failed lookup) the intent is looked up again. */
  readonly resolveRetryMs: number;
}

/**
 * Performs the journal's intents at the brokers and records how each ended. A fresh intent is sent
 * once. An intent whose outcome the journal lacks (crash between commit and send, timeout) is
 * first looked up at the broker by client order id, and sent only if the broker never received it:
 * that is why no order is sent twice across a crash. Within the process, an intent is claimed
 * before any broker call, so the commit path and a takeover never work on it at the same time.
 */
export class BrokerDispatcher {
  private readonly logger = new Logger(BrokerDispatcher.name);
  private readonly claimed = new Set<string>();
  /** Intents this process has called a broker for without a settled outcome: only a lookup may follow. */
  private readonly attempted = new Map<string, number>();
  /** intent id -> partition, of intents settled by this process. */
  private readonly settled = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Outcomes being journaled, of calls already answered. */
  private readonly recording = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly brokers: ReadonlyMap<string, ResilientBroker>,
    private readonly journal: JournalWriter,
    private readonly reports: ReportPublisher,
    private readonly clock: Clock,
    private readonly isOwned: (partition: number) => boolean,
    private readonly options: DispatcherOptions,
  ) {}

  /**
   * Sends an intent that was just committed. Resolves once the broker has answered: how the call
   * ended is journaled after that, without holding up the next call (the intent stays claimed until
   * it is). Awaiting each outcome's append capped a partition at one broker call per produce round
   * trip; the journal does not need outcomes in call order, only each intent settled once.
   */
  async perform(partition: number, intent: BrokerIntent): Promise<void> {
    if (this.attempted.has(intent.intentId) || !this.claim(intent)) return;
    let recorded: Promise<void>;
    try {
      ({ recorded } = await this.send(partition, intent));
    } catch (error) {
      this.claimed.delete(intent.intentId);
      throw error;
    }
    const settling = recorded
      .catch((error: unknown) => {
        // the call happened, its outcome is not journaled: a lookup at the broker settles it
        this.logger.error(`journaling the outcome of ${intent.orderId} failed, looking it up later: ${String(error)}`);
        this.retryLater(partition, intent);
      })
      .finally(() => {
        this.claimed.delete(intent.intentId);
        this.recording.delete(settling);
      });
    this.recording.add(settling);
  }

  /** Waits until every outcome already decided is journaled (call after `stop`, before the producer goes). */
  async drain(): Promise<void> {
    while (this.recording.size > 0) await Promise.all([...this.recording]);
  }

  /** Settles an intent of unknown fate: look it up, send only if the broker never received it. */
  async resolve(partition: number, intent: BrokerIntent): Promise<void> {
    if (!this.claim(intent)) return;
    try {
      const broker = this.brokers.get(intent.broker);
      if (!broker) return await this.record(partition, intent, { kind: 'refused', code: 'BROKER.UNAVAILABLE', reason: `no adapter named ${intent.broker}` });
      const reached = await inSpan(`broker lookup`, { kind: SpanKind.CLIENT, attributes: spanAttributes(intent) }, async (span) => {
        const outcome = await broker.call((adapter) => reachedBroker(adapter, intent));
        span.setAttribute(ATTR.outcome, outcome.kind);
        return outcome;
      });
      if (reached.kind !== 'done') {
        this.logger.warn(`lookup of ${intent.orderId} at ${intent.broker} failed (${reached.code}); trying again later`);
        this.retryLater(partition, intent);
      } else if (reached.value) {
        await this.record(partition, intent, { kind: 'done', value: undefined });
      } else {
        await (await this.send(partition, intent)).recorded;
      }
    } finally {
      this.claimed.delete(intent.intentId);
    }
  }

  /** Forgets what this process settled for a partition it no longer owns. */
  releasePartition(partition: number): void {
    for (const [intentId, owner] of this.settled) if (owner === partition) this.settled.delete(intentId);
    for (const [intentId, owner] of this.attempted) if (owner === partition) this.attempted.delete(intentId);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private claim(intent: BrokerIntent): boolean {
    if (this.stopped || this.claimed.has(intent.intentId) || this.settled.has(intent.intentId)) return false;
    this.claimed.add(intent.intentId);
    return true;
  }

  /**
   * Calls the broker; resolves once it answered, with the journaling of the outcome, started in the
   * call's trace (wrapped: an async function would wait for a promise it returns).
   */
  private async send(partition: number, intent: BrokerIntent): Promise<{ readonly recorded: Promise<void> }> {
    // after a rebalance the new owner resolves this intent; a second sender could double it
    if (!this.isOwned(partition)) return { recorded: Promise.resolve() };
    const broker = this.brokers.get(intent.broker);
    this.attempted.set(intent.intentId, partition);
    const action = INTENT_ACTION[intent.type];
    // the outcome is journaled (and a refusal reported) in the call's span context: they join the order's trace
    return inSpan(`broker ${action}`, { kind: SpanKind.CLIENT, attributes: spanAttributes(intent) }, async (span) => {
      const outcome: BrokerCallOutcome<void> = broker
        ? await broker.call((adapter) => request(adapter, intent))
        : { kind: 'refused', code: 'BROKER.UNAVAILABLE', reason: `no adapter named ${intent.broker}` };
      span.setAttribute(ATTR.outcome, outcome.kind);
      if (outcome.kind !== 'done') span.setStatus({ code: SpanStatusCode.ERROR, message: `${outcome.code}: ${outcome.reason}` });
      return { recorded: this.record(partition, intent, outcome) };
    });
  }

  private async record(partition: number, intent: BrokerIntent, outcome: BrokerCallOutcome<void>): Promise<void> {
    const action = INTENT_ACTION[intent.type];
    const base = { intentId: intent.intentId, orderId: intent.orderId, accountId: intent.accountId, action, at: this.clock.now().toISOString() };
    let entry: BrokerOutcome;
    if (outcome.kind === 'done') entry = { type: 'BrokerRequestSent', ...base };
    else if (outcome.kind === 'refused') entry = { type: 'BrokerRequestRefused', ...base, code: outcome.code, reason: outcome.reason };
    else entry = { type: 'BrokerRequestUnknown', ...base, code: outcome.code, reason: outcome.reason };
    await this.journal.append(partition, entry, intent.correlationId);
    if (outcome.kind === 'unknown') {
      this.logger.warn(`${action} of ${intent.orderId} at ${intent.broker}: outcome unknown (${outcome.code}); it stays in flight`);
      this.retryLater(partition, intent);
      return;
    }
    this.attempted.delete(intent.intentId);
    this.settled.set(intent.intentId, partition);
    if (outcome.kind === 'refused') {
      const orderId = intent.type === 'BrokerReplaceIntended' ? intent.request.replacement.clientOrderId : intent.orderId;
      await this.reports.publish(intent.accountId, intent.correlationId, refusalReport(action, orderId, outcome.code, outcome.reason));
    }
  }

  private retryLater(partition: number, intent: BrokerIntent): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.isOwned(partition)) return;
      this.resolve(partition, intent).catch((error: unknown) =>
        this.logger.error(`resolving ${intent.orderId} failed: ${String(error)}`),
      );
    }, this.options.resolveRetryMs);
    timer.unref();
    this.timers.add(timer);
  }
}

function spanAttributes(intent: BrokerIntent): Record<string, string> {
  return {
    [ATTR.broker]: intent.broker,
    [ATTR.orderId]: intent.orderId,
    [ATTR.accountId]: intent.accountId,
    [ATTR.correlationId]: intent.correlationId,
  };
}

function request(adapter: BrokerAdapter, intent: BrokerIntent): Promise<void> {
  switch (intent.type) {
    case 'BrokerSubmitIntended':
      return adapter.submit(intent.order);
    case 'BrokerCancelIntended':
      return adapter.cancel(intent.request);
    case 'BrokerReplaceIntended':
      return adapter.replace(intent.request);
  }
}

/**
 * Whether the broker already has what the intent asked for. A cancel is re-sent while the order
 * still works there (a second cancel is harmless); a submit or replace only if the broker does not
 * know the (replacement) client order id.
 */
async function reachedBroker(adapter: BrokerAdapter, intent: BrokerIntent): Promise<boolean> {
  switch (intent.type) {
    case 'BrokerSubmitIntended':
      return (await adapter.lookup(intent.order.clientOrderId)) !== null;
    case 'BrokerReplaceIntended':
      return (await adapter.lookup(intent.request.replacement.clientOrderId)) !== null;
    case 'BrokerCancelIntended': {
      const snapshot = await adapter.lookup(intent.request.clientOrderId);
      return snapshot === null || snapshot.state !== 'working';
    }
  }
}
