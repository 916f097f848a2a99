import { BrokerExecutionReport } from '@trading/broker-sdk';
import { expectSubmitRefused } from './contract-expectations';
import { FillOnlyStubAdapter } from './fill-only.stub-adapter';
import { ReportRecorder } from './report-recorder';

const order = (clientOrderId: string, symbol = 'AAPL') => ({
  clientOrderId,
  accountId: 'kit',
  symbol,
  side: 'buy' as const,
  type: 'market' as const,
  timeInForce: 'day' as const,
  qty: '1',
  notional: null,
  limitPrice: null,
  stopPrice: null,
});

async function connected(timeoutMs = 1000) {
  const adapter = new FillOnlyStubAdapter();
  const recorder = new ReportRecorder(adapter, timeoutMs);
  await adapter.connect();
  return { adapter, recorder };
}

describe('report recorder', () => {
  it('resolves with a report that arrives after the wait began', async () => {
    const { adapter, recorder } = await connected();

    const waiting = recorder.waitFor((r) => r.kind === 'fill');
    await adapter.submit(order('a'));

    await expect(waiting).resolves.toMatchObject({ clientOrderId: 'a', kind: 'fill' });
    expect(recorder.of('a').map((r) => r.kind)).toEqual(['acknowledged', 'fill']);
  });

  it('resolves at once with a report already recorded', async () => {
    const { adapter, recorder } = await connected();
    await adapter.submit(order('a'));
    await recorder.waitFor((r) => r.kind === 'fill');

    await expect(recorder.waitFor((r) => r.kind === 'acknowledged')).resolves.toMatchObject({ clientOrderId: 'a' });
  });

  it('times out naming what it waited for and what arrived', async () => {
    const { adapter, recorder } = await connected(50);
    await adapter.submit(order('a'));
    await recorder.waitFor((r) => r.kind === 'fill');

    await expect(recorder.waitFor((r) => r.kind === 'canceled', 'the cancel of a')).rejects.toThrow(
      /waiting for the cancel of a; recorded: a:acknowledged, a:fill/,
    );
  });

  it('stops recording once stopped', async () => {
    const { adapter, recorder } = await connected();
    recorder.stop();

    await adapter.submit(order('a'));
    await new Promise((resolve) => setImmediate(resolve));

    expect(recorder.reports).toEqual<BrokerExecutionReport[]>([]);
  });
});

describe('refusal expectation', () => {
  it('fails when the venue fills an order it should have refused', async () => {
    const { adapter, recorder } = await connected();

    await expect(expectSubmitRefused(adapter, recorder, order('a'))).rejects.toThrow();
  });

  it('passes on a rejected report', async () => {
    const { adapter, recorder } = await connected();

    await expect(expectSubmitRefused(adapter, recorder, order('b', 'BAD'))).resolves.toBeUndefined();
  });
});
