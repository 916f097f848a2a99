import { Logger } from '@nestjs/common';
import { BrokerAdapter, Unsubscribe } from '@trading/broker-sdk';
import { TRADING_MESSAGES } from '@trading/contracts';
import { Clock, IdGenerator } from '@trading/domain';
import { DeadLetterPublisher, EnvelopeFactory, ExactlyOnceProcessor, MessageRegistry } from '@trading/messaging';
import { CircuitStateLabel, TradingMetrics } from '@trading/observability';
import { Kafka, Producer } from 'kafkajs';
import { ExecutionSettings } from '../execution.settings';
import { EXECUTION_JOURNAL_MESSAGES } from '../journal/execution-journal.messages';
import { ExecutionJournalState } from '../journal/execution-journal.state';
import { CircuitState } from '../resilience/circuit-breaker';
import { ResilientBroker } from '../resilience/resilient-broker';
import { BrokerRouter } from '../routing/broker-router';
import { BrokerDispatcher } from './broker-dispatcher';
import { ExecutionProgram } from './execution.program';
import { ExecutionRuntime } from './execution.runtime';
import { JournalWriter } from './journal.writer';
import { OrderTelemetry } from './order-telemetry';
import { Reconciler } from './reconciler';
import { ReportPublisher } from './report.publisher';

const RECONNECT_MIN_MS = 1000;
const RECONNECT_MAX_MS = 10_000;

export interface ExecutionTopics {
  readonly orderEvents: string;
  readonly executions: string;
  readonly journal: string;
  readonly deadLetters: string;
}

export interface ExecutionEngineDeps {
  readonly kafka: Kafka;
  readonly registry: MessageRegistry;
  /** An idempotent producer (reports and after-the-fact journal outcomes). */
  readonly producer: Producer;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly adapters: readonly BrokerAdapter[];
  readonly settings: ExecutionSettings;
  readonly topics: ExecutionTopics;
  /** Consumer group and transactional id prefix (`<prefix>execution`). */
  readonly groupId: string;
  /** Lag, dead letters, fills, submit-to-fill and breaker states; none when absent. */
  readonly metrics?: TradingMetrics;
}

const CIRCUIT_LABEL: Readonly<Record<CircuitState, CircuitStateLabel>> = { closed: 'closed', open: 'open', 'half-open': 'half_open' };

/**
 * The execution service without Nest: the journal program run by the exactly-once processor over
 * the order events, the brokers behind their breakers, report forwarding and reconciliation.
 */
export class ExecutionEngine {
  private readonly logger = new Logger(ExecutionEngine.name);
  private readonly processor: ExactlyOnceProcessor<ExecutionJournalState>;
  private readonly runtime: ExecutionRuntime;
  private readonly dispatcher: BrokerDispatcher;
  private readonly subscriptions: Unsubscribe[] = [];
  private readonly reconnectTimers = new Set<NodeJS.Timeout>();
  private stopped = false;
  private readonly brokers: ReadonlyMap<string, ResilientBroker>;

  constructor(private readonly deps: ExecutionEngineDeps) {
    const { kafka, registry, producer, clock, ids, adapters, settings, topics, metrics } = deps;
    for (const definition of [...TRADING_MESSAGES, ...EXECUTION_JOURNAL_MESSAGES]) {
      if (!registry.has(definition.type)) registry.register(definition);
    }
    const envelopes = new EnvelopeFactory(ids, clock);
    const brokers = new Map(adapters.map((adapter) => [adapter.name, new ResilientBroker(adapter, settings.resilience, clock)]));
    this.brokers = brokers;
    const router = new BrokerRouter(settings.routes, [...brokers.keys()]);
    const reports = new ReportPublisher(producer, registry, envelopes, topics.executions);
    const journal = new JournalWriter(producer, registry, envelopes, topics.journal);
    this.dispatcher = new BrokerDispatcher(brokers, journal, reports, clock, (p) => this.processor.ownedPartitions().includes(p), {
      resolveRetryMs: settings.resolveRetryMs,
    });
    this.runtime = new ExecutionRuntime(
      this.dispatcher,
      new Reconciler(brokers, reports, settings),
      reports,
      new OrderTelemetry(metrics),
      () => clock.now().getTime(),
    );
    this.processor = new ExactlyOnceProcessor(
      kafka,
      registry,
      new DeadLetterPublisher(topics.deadLetters, clock, metrics),
      new ExecutionProgram(envelopes, clock, router, this.runtime),
      { groupId: deps.groupId, inputTopics: [topics.orderEvents], outputTopic: topics.journal, transactionalIdPrefix: deps.groupId },
      metrics,
    );
  }

  async start(): Promise<void> {
    for (const [name, broker] of this.brokers) {
      const unwatch = this.deps.metrics?.watchCircuit(name, () => CIRCUIT_LABEL[broker.circuitState()]);
      if (unwatch) this.subscriptions.push(unwatch);
    }
    for (const adapter of this.deps.adapters) {
      this.subscriptions.push(
        adapter.onReport((report) => {
          this.runtime.forward(adapter.name, report).catch((error: unknown) =>
            this.logger.error(`forwarding ${report.kind} of ${report.clientOrderId} failed: ${String(error)}`),
          );
        }),
      );
      // a broker that is down now is refused by its breaker until it answers again
      await adapter.connect().catch((error: unknown) => this.logger.error(`${adapter.name} did not connect: ${String(error)}`));
      this.supervise(adapter, RECONNECT_MIN_MS);
    }
    // taking a partition rebuilds its journal state and reconciles it with the brokers
    await this.processor.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.reconnectTimers) clearTimeout(timer);
    this.reconnectTimers.clear();
    this.dispatcher.stop();
    await this.processor.stop();
    await this.dispatcher.drain();
    for (const unsubscribe of this.subscriptions.splice(0)) unsubscribe();
    for (const adapter of this.deps.adapters) await adapter.disconnect().catch(() => undefined);
  }

  /**
   * Keeps a broker session up: a session that failed to start or dropped is opened again, backing
   * off up to RECONNECT_MAX_MS. Until then its calls are refused (never sent) and in-flight intents
   * wait for a lookup.
   */
  private supervise(adapter: BrokerAdapter, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.reconnectTimers.delete(timer);
      if (this.stopped) return;
      if (adapter.isConnected()) return this.supervise(adapter, RECONNECT_MIN_MS);
      adapter.connect().then(
        () => {
          this.logger.log(`${adapter.name} connected again`);
          this.supervise(adapter, RECONNECT_MIN_MS);
        },
        (error: unknown) => {
          const next = Math.min(delayMs * 2, RECONNECT_MAX_MS);
          this.logger.warn(`${adapter.name} did not connect, next try in ${next} ms: ${String(error)}`);
          this.supervise(adapter, next);
        },
      );
    }, delayMs);
    timer.unref();
    this.reconnectTimers.add(timer);
  }

  ownedPartitions(): readonly number[] {
    return this.processor.ownedPartitions();
  }

  /**
   * Joined, and every assigned partition's journal state rebuilt (readiness). Not reconciliation:
   * a broker that is down keeps it pending, and must not take every replica out of rotation.
   */
  isReady(): boolean {
    return this.processor.isReady();
  }

  /** True once every owned partition has been reconciled with the brokers. */
  isReconciled(): boolean {
    const owned = this.processor.ownedPartitions();
    return owned.length > 0 && owned.every((partition) => this.runtime.isReconciled(partition));
  }
}
