import { BrokerExecutionReport } from '@trading/broker-sdk';
import { TradingMetrics } from '@trading/observability';
import { OrderTelemetry } from './order-telemetry';

const fill = (clientOrderId: string, kind: 'fill' | 'partial_fill', executionId: string): BrokerExecutionReport => ({
  kind,
  clientOrderId,
  brokerOrderId: `B-${clientOrderId}`,
  at: '2026-01-01T00:00:01.000Z',
  executionId,
  qty: '5',
  price: '100.00',
  venue: 'XSTB',
});

describe('OrderTelemetry', () => {
  it('given an order intended at t, when it fills in two parts, then both fills are counted by side and submit-to-fill is observed once', async () => {
    const metrics = new TradingMetrics({ processMetrics: false });
    const telemetry = new OrderTelemetry(metrics);
    telemetry.watch('o-1', { broker: 'paper', side: 'sell', intendedAtMs: 1_000, traceContext: undefined });

    telemetry.reported('paper', fill('o-1', 'partial_fill', 'x-1'), 1_250);
    telemetry.reported('paper', fill('o-1', 'fill', 'x-2'), 9_000);

    const text = await metrics.text();
    expect(text).toContain('trading_fills_total{broker="paper",side="sell"} 2');
    expect(text).toContain('trading_submit_to_fill_seconds_count{broker="paper"} 1');
    expect(text).toContain('trading_submit_to_fill_seconds_sum{broker="paper"} 0.25');
  });

  it('given an order already partly filled before a takeover, when it fills, then no submit-to-fill is observed', async () => {
    const metrics = new TradingMetrics({ processMetrics: false });
    const telemetry = new OrderTelemetry(metrics);
    telemetry.watch('o-2', { broker: 'paper', side: 'buy', intendedAtMs: 0, traceContext: undefined, filled: true });

    telemetry.reported('paper', fill('o-2', 'fill', 'x-3'), 5_000);

    expect(await metrics.text()).not.toContain('trading_submit_to_fill_seconds_count{broker="paper"}');
  });
});
