import { expect } from '@jest/globals';
import { BrokerAdapter, BrokerExecutionReport, BrokerFill, BrokerOrder } from '@trading/broker-sdk';
import { Dec } from '@trading/domain';
import { ReportRecorder } from './report-recorder';

/** Outcomes by which a venue that cannot work an order refuses it (documented in the README). */
const REFUSALS: ReadonlySet<string> = new Set(['rejected', 'canceled', 'expired']);

export const sumQty = (fills: readonly BrokerFill[]): Dec => fills.reduce((total, f) => total.plus(f.qty), new Dec(0));

export function orderQty(order: BrokerOrder): Dec {
  if (order.qty === null) throw new Error(`contract orders need a qty (order ${order.clientOrderId} has a notional)`);
  return new Dec(order.qty);
}

export const isTerminalFill = (clientOrderId: string) => (report: BrokerExecutionReport) =>
  report.clientOrderId === clientOrderId && report.kind === 'fill';

/** Every field a fill must carry so the OMS can apply it once and audit it. */
export function expectWellFormedFill(fill: BrokerFill): void {
  expect(fill.executionId).toEqual(expect.stringMatching(/\S/));
  expect(fill.brokerOrderId).toEqual(expect.stringMatching(/\S/));
  expect(fill.venue).toEqual(expect.stringMatching(/\S/));
  expect(new Dec(fill.qty).gt(0)).toBe(true);
  expect(new Dec(fill.price).gt(0)).toBe(true);
}

/** Submits and expects the venue's refusal: `BrokerUnsupportedError`, or a rejected/canceled/expired report before any fill. */
export async function expectSubmitRefused(adapter: BrokerAdapter, recorder: ReportRecorder, order: BrokerOrder): Promise<void> {
  const thrown = await adapter.submit(order).then(
    () => null,
    (error: unknown) => error,
  );
  if (thrown !== null) {
    expect(thrown).toMatchObject({ code: 'BROKER.UNSUPPORTED' });
    return;
  }
  const id = order.clientOrderId;
  const outcome = await recorder.waitFor(
    (r) => r.clientOrderId === id && (REFUSALS.has(r.kind) || r.kind === 'fill'),
    `the refusal of ${id}`,
  );
  expect(outcome.kind).not.toBe('fill');
  expect(recorder.fills(id)).toEqual([]);
}

/**
 * Runs `request` (a cancel or replace of `clientOrderId`) and expects the venue's refusal:
 * `BrokerUnsupportedError`, or a `cancel_rejected` report on the order (or `rejected` on `alsoOn`).
 */
export async function expectRequestRefused(
  recorder: ReportRecorder,
  clientOrderId: string,
  request: () => Promise<void>,
  alsoOn?: string,
): Promise<void> {
  const thrown = await request().then(
    () => null,
    (error: unknown) => error,
  );
  if (thrown !== null) {
    expect(thrown).toMatchObject({ code: 'BROKER.UNSUPPORTED' });
    return;
  }
  await recorder.waitFor(
    (r) =>
      (r.clientOrderId === clientOrderId && r.kind === 'cancel_rejected') ||
      (alsoOn !== undefined && r.clientOrderId === alsoOn && r.kind === 'rejected'),
    `the refusal of the request on ${clientOrderId}`,
  );
}
