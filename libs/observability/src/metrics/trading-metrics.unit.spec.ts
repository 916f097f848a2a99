import { TradingMetrics } from './trading-metrics';

/** The metric contract of infra/k8s/README.md: name, type, labels. */
const CONTRACT: readonly [string, string, readonly string[]][] = [
  ['trading_order_ack_latency_seconds', 'histogram', ['outcome']],
  ['trading_order_decisions_total', 'counter', ['outcome', 'rule']],
  ['trading_submit_to_fill_seconds', 'histogram', ['broker']],
  ['trading_fills_total', 'counter', ['broker', 'side']],
  ['trading_consumer_lag', 'gauge', ['group', 'topic', 'partition']],
  ['trading_projection_lag_seconds', 'gauge', ['projection']],
  ['trading_sse_connections', 'gauge', []],
  ['trading_broker_circuit_state', 'gauge', ['broker', 'state']],
  ['trading_dead_letters_total', 'counter', ['group', 'topic', 'code']],
  ['trading_orders_shed_total', 'counter', []],
];

/** name -> label names seen on its samples in a text exposition. */
function samples(text: string): Map<string, Set<string>> {
  const seen = new Map<string, Set<string>>();
  for (const line of text.split('\n')) {
    const match = /^(trading_[a-z_]+?)(?:_bucket|_sum|_count)?(?:\{([^}]*)\})? /.exec(line);
    if (!match?.[1]) continue;
    const labels = seen.get(match[1]) ?? new Set<string>();
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) labels.add(pair.split('=')[0] ?? '');
    labels.delete('le');
    seen.set(match[1], labels);
  }
  return seen;
}

describe('TradingMetrics', () => {
  it('given one observation of each metric, when scraped, then the text has exactly the contract names, types and labels', async () => {
    const metrics = new TradingMetrics({ processMetrics: false });
    metrics.orderAckLatency.observe({ outcome: 'accepted' }, 0.012);
    metrics.orderDecisions.inc({ outcome: 'rejected', rule: 'RISK.BUYING_POWER' });
    metrics.submitToFill.observe({ broker: 'paper' }, 0.2);
    metrics.fills.inc({ broker: 'paper', side: 'buy' });
    metrics.consumerLag.set({ group: 'oms', topic: 'trading.commands', partition: '0' }, 3);
    metrics.watchProjectionLag('orders', () => 1.5);
    metrics.sseConnections.inc();
    metrics.watchCircuit('paper', () => 'closed');
    metrics.deadLetters.inc({ group: 'oms', topic: 'trading.commands', code: 'MESSAGING.INVALID_PAYLOAD' });

    const text = await metrics.text();

    for (const [name, type] of CONTRACT) expect(text).toContain(`# TYPE ${name} ${type}`);
    const seen = samples(text);
    expect([...seen.keys()].sort()).toEqual(CONTRACT.map(([name]) => name).sort());
    for (const [name, , labels] of CONTRACT) expect([...(seen.get(name) ?? [])].sort()).toEqual([...labels].sort());
    expect(text).toContain('trading_order_decisions_total{outcome="rejected",rule="RISK.BUYING_POWER"} 1');
    expect(text).toContain('trading_order_ack_latency_seconds_bucket{le="0.005",outcome="accepted"} 0');
    expect(text).toContain('trading_order_ack_latency_seconds_bucket{le="5",outcome="accepted"} 1');
  });

  it('given a breaker that half-opens, when scraped, then only its current state is 1', async () => {
    const metrics = new TradingMetrics({ processMetrics: false });
    let state: 'closed' | 'open' | 'half_open' = 'open';
    metrics.watchCircuit('fix', () => state);
    state = 'half_open';

    const text = await metrics.text();

    expect(text).toContain('trading_broker_circuit_state{broker="fix",state="closed"} 0');
    expect(text).toContain('trading_broker_circuit_state{broker="fix",state="open"} 0');
    expect(text).toContain('trading_broker_circuit_state{broker="fix",state="half_open"} 1');
  });

  it('given two sources of one projection, when scraped, then the larger lag is reported, and none once both stop', async () => {
    const metrics = new TradingMetrics({ processMetrics: false });
    const stopA = metrics.watchProjectionLag('positions', () => 0);
    const stopB = metrics.watchProjectionLag('positions', () => 4);

    expect(await metrics.text()).toContain('trading_projection_lag_seconds{projection="positions"} 4');
    stopA();
    stopB();
    expect(await metrics.text()).not.toContain('projection="positions"');
  });

  it('given the default, when scraped, then Node.js process metrics are exposed too', async () => {
    const text = await new TradingMetrics().text();

    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('given a worker thread\'s registry included, when scraped, then its series appear once and series in both are summed', async () => {
    const main = new TradingMetrics({ processMetrics: false });
    const worker = new TradingMetrics({ processMetrics: false });
    main.orderAckLatency.observe({ outcome: 'accepted' }, 0.012);
    main.deadLetters.inc({ group: 'oms', topic: 'trading.commands', code: 'MESSAGING.INVALID_PAYLOAD' });
    worker.fills.inc({ broker: 'paper', side: 'buy' }, 3);
    worker.deadLetters.inc({ group: 'oms', topic: 'trading.commands', code: 'MESSAGING.INVALID_PAYLOAD' }, 2);
    worker.watchProjectionLag('orders', () => 0.5);
    const stop = main.include(() => worker.snapshot());

    const text = await main.text();

    expect(text).toContain('trading_fills_total{broker="paper",side="buy"} 3');
    expect(text).toContain('trading_dead_letters_total{group="oms",topic="trading.commands",code="MESSAGING.INVALID_PAYLOAD"} 3');
    expect(text).toContain('trading_projection_lag_seconds{projection="orders"} 0.5');
    expect(text).toContain('trading_order_ack_latency_seconds_count{outcome="accepted"} 1');
    expect(text.match(/^# TYPE trading_fills_total counter$/gm)).toHaveLength(1);
    stop();
    expect(await main.text()).not.toContain('trading_fills_total{');
  });

  it('given an included source that fails, when scraped, then the process\'s own metrics are still served', async () => {
    const main = new TradingMetrics({ processMetrics: false });
    main.fills.inc({ broker: 'paper', side: 'sell' });
    main.include(() => Promise.reject(new Error('thread gone')));

    expect(await main.text()).toContain('trading_fills_total{broker="paper",side="sell"} 1');
  });
});
