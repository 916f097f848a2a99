import { MessageRegistry } from '@trading/messaging';
import { TRADING_MESSAGES } from '../trading-messages';

const registry = new MessageRegistry().register(...TRADING_MESSAGES);

const envelope = (type: string, schemaVersion: number, payload: unknown) =>
  JSON.stringify({
    eventId: '019a9b2e-4c1d-7a3e-8f00-000000000001',
    type,
    schemaVersion,
    accountId: 'acc-1',
    streamId: 'executions-acc-1',
    seq: 0,
    occurredAt: '2026-11-22T15:00:00.000Z',
    correlationId: 'corr-1',
    causationId: null,
    payload,
  });

const v1Fill = { kind: 'fill', orderId: 'o-1', executionId: 'e-1', qty: '10', price: '150.00' };

describe('ExecutionReported', () => {
  it('reads a v1 fill as v2 with venue and execution time unknown', () => {
    const decoded = registry.decode(envelope('ExecutionReported', 1, { report: v1Fill }));

    expect(decoded).toMatchObject({
      ok: true,
      envelope: { schemaVersion: 2, payload: { report: { ...v1Fill, venue: null, executedAt: null } } },
    });
  });

  it('reads a v1 report that is not a fill unchanged', () => {
    const report = { kind: 'canceled', orderId: 'o-1', reason: null };

    expect(registry.decode(envelope('ExecutionReported', 1, { report }))).toMatchObject({ ok: true, envelope: { payload: { report } } });
  });

  it('reads a v2 fill with its venue and execution time', () => {
    const report = { ...v1Fill, venue: 'XNAS', executedAt: '2026-11-22T15:00:00.125Z' };

    expect(registry.decode(envelope('ExecutionReported', 2, { report }))).toMatchObject({ ok: true, envelope: { payload: { report } } });
  });

  it('refuses a v2 fill without a venue', () => {
    const report = { ...v1Fill, executedAt: '2026-11-22T15:00:00.125Z' };

    expect(registry.decode(envelope('ExecutionReported', 2, { report }))).toMatchObject({
      ok: false,
      failure: { code: 'MESSAGING.INVALID_PAYLOAD' },
    });
  });
});

describe('fill events', () => {
  it('reads a v1 OrderFilled as v2 with venue and execution time unknown', () => {
    const event = { type: 'OrderFilled', accountId: 'acc-1', commandId: 'c-1', at: '2026-11-22T15:00:00.000Z', orderId: 'o-1' };

    expect(registry.decode(envelope('OrderFilled', 1, event))).toMatchObject({
      ok: true,
      envelope: { schemaVersion: 2, payload: { ...event, venue: null, executedAt: null } },
    });
  });
});
