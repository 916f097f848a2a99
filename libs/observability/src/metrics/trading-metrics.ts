import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, MetricObjectWithValues, MetricValue, Registry } from 'prom-client';

export type OrderAckOutcome = 'accepted' | 'rejected' | 'pending_new';
export type DecisionOutcome = 'accepted' | 'rejected';
export type CircuitStateLabel = 'closed' | 'open' | 'half_open';

const CIRCUIT_STATES: readonly CircuitStateLabel[] = ['closed', 'open', 'half_open'];

/** Every metric of a registry with its current values, as it crosses to another thread. */
export type MetricsSnapshot = MetricObjectWithValues<MetricValue<string>>[];

export interface TradingMetricsOptions {
  /** Node.js process metrics (CPU, memory, event loop lag, GC); off for throwaway registries in tests. */
  readonly processMetrics?: boolean;
}

/**
 * The metric contract of infra/k8s/README.md (names, types and labels the alerts and the dashboard
 * use) on one registry per process. Values that are a state rather than an event (breakers,
 * projection lag) are read from their owners when scraped, so they are never stale.
 */
export class TradingMetrics {
  readonly registry = new Registry();
  private readonly circuits = new Map<string, () => CircuitStateLabel>();
  private readonly projections = new Map<string, Set<() => number>>();

  readonly orderAckLatency: Histogram<'outcome'>;
  readonly orderDecisions: Counter<'outcome' | 'rule'>;
  readonly submitToFill: Histogram<'broker'>;
  readonly fills: Counter<'broker' | 'side'>;
  readonly consumerLag: Gauge<'group' | 'topic' | 'partition'>;
  readonly projectionLag: Gauge<'projection'>;
  readonly sseConnections: Gauge;
  private readonly sseSources = new Set<() => number>();
  private readonly includes = new Set<() => Promise<MetricsSnapshot>>();
  readonly circuitState: Gauge<'broker' | 'state'>;
  readonly deadLetters: Counter<'group' | 'topic' | 'code'>;
  readonly ordersShed: Counter;

  constructor(options: TradingMetricsOptions = {}) {
    const registers = [this.registry];
    this.orderAckLatency = new Histogram({
      name: 'trading_order_ack_latency_seconds',
      help: 'Gateway: from receiving an order write to answering it.',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.orderDecisions = new Counter({
      name: 'trading_order_decisions_total',
      help: 'OMS: decisions on commands, by outcome and refusing rule (empty when accepted).',
      labelNames: ['outcome', 'rule'],
      registers,
    });
    this.submitToFill = new Histogram({
      name: 'trading_submit_to_fill_seconds',
      help: 'Execution: from the broker intent to the first fill report of the order.',
      labelNames: ['broker'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800],
      registers,
    });
    this.fills = new Counter({
      name: 'trading_fills_total',
      help: 'Execution: fills (partial and complete) reported by brokers.',
      labelNames: ['broker', 'side'],
      registers,
    });
    this.consumerLag = new Gauge({
      name: 'trading_consumer_lag',
      help: 'High watermark minus committed offset, for the partitions this process owns.',
      labelNames: ['group', 'topic', 'partition'],
      registers,
    });
    const projections = this.projections;
    this.projectionLag = new Gauge({
      name: 'trading_projection_lag_seconds',
      help: 'Projector: now minus occurredAt of the last applied event; 0 when caught up.',
      labelNames: ['projection'],
      registers,
      collect() {
        for (const [projection, sources] of projections) {
          this.set({ projection }, Math.max(0, ...[...sources].map((source) => source())));
        }
      },
    });
    const sseSources = this.sseSources;
    this.sseConnections = new Gauge({
      name: 'trading_sse_connections',
      help: 'Gateway: open trade-updates SSE connections in this process.',
      registers,
      collect() {
        if (sseSources.size > 0) this.set([...sseSources].reduce((sum, source) => sum + source(), 0));
      },
    });
    const circuits = this.circuits;
    this.circuitState = new Gauge({
      name: 'trading_broker_circuit_state',
      help: "Execution: 1 for the broker circuit breaker's current state, 0 for the others.",
      labelNames: ['broker', 'state'],
      registers,
      collect() {
        for (const [broker, current] of circuits) {
          const now = current();
          for (const state of CIRCUIT_STATES) this.set({ broker, state }, state === now ? 1 : 0);
        }
      },
    });
    this.deadLetters = new Counter({
      name: 'trading_dead_letters_total',
      help: 'Records parked on the dead-letter topic, by consumer group, source topic and code.',
      labelNames: ['group', 'topic', 'code'],
      registers,
    });
    this.ordersShed = new Counter({
      name: 'trading_orders_shed_total',
      help: 'Gateway: order requests refused with 503 GATEWAY.OVERLOADED, the process answering its most at once.',
      registers,
    });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Reports a broker's breaker state at every scrape; returns the way to stop (its series go). */
  /** Reads the open SSE connections at each scrape; returns the unwatch function. */
  watchSseConnections(connections: () => number): () => void {
    this.sseSources.add(connections);
    return () => this.sseSources.delete(connections);
  }

  watchCircuit(broker: string, state: () => CircuitStateLabel): () => void {
    this.circuits.set(broker, state);
    return () => {
      if (this.circuits.get(broker) !== state) return;
      this.circuits.delete(broker);
      for (const label of CIRCUIT_STATES) this.circuitState.remove({ broker, state: label });
    };
  }

  /**
   * Reports a projection's lag in seconds at every scrape; several sources of one projection (its
   * partitions, or projectors) report the largest.
   */
  watchProjectionLag(projection: string, lagSeconds: () => number): () => void {
    const sources = this.projections.get(projection) ?? new Set();
    sources.add(lagSeconds);
    this.projections.set(projection, sources);
    return () => {
      sources.delete(lagSeconds);
      if (sources.size > 0) return;
      this.projections.delete(projection);
      this.projectionLag.remove({ projection });
    };
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /**
   * Adds another registry's metrics (a worker thread's) to every scrape: series of the same name
   * and labels are summed, so the other registry must leave out process metrics. Returns the way
   * to stop. A source that fails is left out of that scrape.
   */
  include(snapshot: () => Promise<MetricsSnapshot>): () => void {
    this.includes.add(snapshot);
    return () => this.includes.delete(snapshot);
  }

  /** Every metric with its current values, for a registry on another thread to include. */
  snapshot(): Promise<MetricsSnapshot> {
    return this.registry.getMetricsAsJSON();
  }

  /** The Prometheus text exposition of every metric. */
  async text(): Promise<string> {
    if (this.includes.size === 0) return this.registry.metrics();
    const included = await Promise.allSettled([...this.includes].map((snapshot) => snapshot()));
    const snapshots = included.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    return AggregatorRegistry.aggregate([await this.snapshot(), ...snapshots]).metrics();
  }
}
