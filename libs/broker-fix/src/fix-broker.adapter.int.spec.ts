import { BrokerUnavailableError } from '@trading/broker-sdk';
import { readFileSync, writeFileSync } from 'node:fs';
import { Dec } from '@trading/domain';
import { FixBrokerAdapter } from './fix-broker.adapter';
import { OrderJournalFileStore } from './order-journal-file.store';
import { captureLog, EXECUTOR, executorAdapter, limitOrder, ReportRecorder, startExecutor, uniqueCompId } from './testing/fix-executor.harness';

describe('FixBrokerAdapter against the QuickFIX/J executor', () => {
  let adapter: FixBrokerAdapter;
  let reports: ReportRecorder;
  const log = captureLog();

  beforeAll(() => startExecutor());

  beforeEach(async () => {
    adapter = executorAdapter({}, log);
    reports = new ReportRecorder(adapter);
    await adapter.connect();
  });

  afterEach(() => adapter.disconnect());

  it('logs on to a new session at sequence number 1, then recovers with a TestRequest and its Heartbeat', () => {
    expect(adapter.isConnected()).toBe(true);
    expect(adapter.sequenceNumbers()).toEqual({ lastSent: 2, lastReceived: 2 });
  });

  it('fills a limit order at its limit price under our ClOrdID', async () => {
    await adapter.submit(limitOrder('lim-1', '101.25', '7'));

    const [fill] = await reports.waitFor('lim-1', 'fill');

    expect(reports.of('lim-1').map((r) => r.kind)).toEqual(['acknowledged', 'fill']);
    expect(fill).toMatchObject({ clientOrderId: 'lim-1', qty: '7', price: '101.25', venue: 'QFJ-EXECUTOR' });
    expect(fill?.brokerOrderId).toMatch(/\S/);
    expect(await adapter.lookup('lim-1')).toMatchObject({ state: 'filled', filledQty: '7' });
  });

  it('fills a market order at the executor market price', async () => {
    await adapter.submit({ ...limitOrder('mkt-1'), type: 'market', limitPrice: null, qty: '3' });

    const [fill] = await reports.waitFor('mkt-1', 'fill');

    expect(fill).toMatchObject({ qty: '3' });
    expect(new Dec(fill?.kind === 'fill' ? fill.price : 'NaN').eq(EXECUTOR.marketPrice)).toBe(true);
  });

  it('maps the session Reject of an order type the executor refuses to rejected, with the reason', async () => {
    await adapter.submit({ ...limitOrder('stop-1'), type: 'stop', limitPrice: null, stopPrice: '99.50' });

    const [rejected] = await reports.waitFor('stop-1', 'rejected');

    expect(rejected).toMatchObject({ brokerOrderId: null, reason: expect.stringContaining('tag 40') as string });
    expect(await adapter.lookup('stop-1')).toMatchObject({ state: 'rejected' });
  });

  it('maps the BusinessMessageReject of a cancel (35=F) to cancel_rejected; the order stays filled', async () => {
    await adapter.submit(limitOrder('cxl-1'));
    await reports.waitFor('cxl-1', 'fill');

    await adapter.cancel({ clientOrderId: 'cxl-1', symbol: 'AAPL', side: 'buy' });

    const [refusal] = await reports.waitFor('cxl-1', 'cancel_rejected');
    expect(refusal).toMatchObject({ reason: expect.stringMatching(/^cancel refused: .*unsupported message type/i) as string });
    expect(await adapter.lookup('cxl-1')).toMatchObject({ state: 'filled' });
  });

  it('maps the BusinessMessageReject of a replace (35=G) to cancel_rejected on the original order', async () => {
    await adapter.submit(limitOrder('rpl-1'));
    await reports.waitFor('rpl-1', 'fill');

    await adapter.replace({ clientOrderId: 'rpl-1', replacement: limitOrder('rpl-2', '100.00') });

    const [refusal] = await reports.waitFor('rpl-1', 'cancel_rejected');
    expect(refusal).toMatchObject({ reason: expect.stringMatching(/^replace refused: .*unsupported message type/i) as string });
    expect(await adapter.lookup('rpl-2')).toBeNull();
  });

  it('maps a resent fill (PossDupFlag=Y) to the same report, execution id included', async () => {
    await adapter.submit(limitOrder('dup-1'));
    const [original] = await reports.waitFor('dup-1', 'fill');

    await adapter.requestResend(1);

    const [first, repeat] = await reports.waitFor('dup-1', 'fill', 2);
    expect(first).toEqual(original);
    expect(repeat).toEqual(original);
    expect(await adapter.fills(original?.at ?? '')).toHaveLength(1);
  });
});

describe('FixBrokerAdapter sessions', () => {
  beforeAll(() => startExecutor());

  it('refuses to submit while not logged on, with nothing sent', async () => {
    const adapter = executorAdapter();
    await adapter.connect();
    await adapter.disconnect();
    const before = adapter.sequenceNumbers();

    await expect(adapter.submit(limitOrder('offline-1'))).rejects.toBeInstanceOf(BrokerUnavailableError);

    expect(adapter.sequenceNumbers()).toEqual(before);
    expect(await adapter.lookup('offline-1')).toBeNull();
  });

  it('continues the sequence numbers of the session after a restart (file store), no reset', async () => {
    const senderCompId = uniqueCompId();
    const first = executorAdapter({ senderCompId });
    const firstReports = new ReportRecorder(first);
    await first.connect();
    await first.submit(limitOrder('seq-1'));
    await firstReports.waitFor('seq-1', 'fill');
    await first.disconnect();
    const left = first.sequenceNumbers();

    const second = executorAdapter({ senderCompId });
    const secondReports = new ReportRecorder(second);
    await second.connect();

    // Logon and TestRequest go out as the next numbers; the executor's Logon and Heartbeat answer as its next ones.
    expect(left).not.toBeNull();
    expect(second.sequenceNumbers()).toEqual({ lastSent: (left?.lastSent ?? 0) + 2, lastReceived: (left?.lastReceived ?? 0) + 2 });
    await second.submit(limitOrder('seq-2', '55.25'));
    await expect(secondReports.waitFor('seq-2', 'fill')).resolves.toEqual([expect.objectContaining({ price: '55.25' })]);
    await second.disconnect();
  });

  it('fails to connect with BrokerUnavailableError when nothing accepts on the port', async () => {
    const adapter = executorAdapter({ port: 1, logonTimeoutMs: 3_000 });

    await expect(adapter.connect()).rejects.toBeInstanceOf(BrokerUnavailableError);

    expect(adapter.isConnected()).toBe(false);
    await adapter.disconnect();
  });
});

/**
 * A restart is a new adapter on the same store directory (what a new process gets). The first
 * adapter logs out; what the second knows comes only from the files.
 */
describe('FixBrokerAdapter after a restart', () => {
  beforeAll(() => startExecutor());

  it('finds an order sent before the restart, with its fill, before and after connecting; nothing is sent again', async () => {
    const senderCompId = uniqueCompId();
    const first = executorAdapter({ senderCompId });
    const firstReports = new ReportRecorder(first);
    await first.connect();
    await first.submit(limitOrder('rst-1', '64.50', '3'));
    const [fill] = await firstReports.waitFor('rst-1', 'fill');
    await first.disconnect();

    const second = executorAdapter({ senderCompId });
    const expected = { order: limitOrder('rst-1', '64.50', '3'), state: 'filled', filledQty: '3' };

    expect(await second.lookup('rst-1')).toMatchObject(expected);
    expect(await second.fills(fill?.at ?? '')).toEqual([fill]);
    await second.connect();
    expect(await second.lookup('rst-1')).toMatchObject(expected);
    expect(await second.openOrders()).toEqual([]);
    await second.disconnect();
  });

  it('gets back a report the crashed process read but never journaled: in doubt until recovered, then filled', async () => {
    const senderCompId = uniqueCompId();
    const first = executorAdapter({ senderCompId });
    const firstReports = new ReportRecorder(first);
    await first.connect();
    await first.submit(limitOrder('lost-1', '33.25', '2'));
    const [fill] = await firstReports.waitFor('lost-1', 'fill');
    await first.disconnect();
    // the crash came after the session counted the reports and before they were journaled
    const path = first.journalPath;
    const kept = readFileSync(path, 'utf8').split('\n').filter((line) => line !== '' && !line.includes('"type":"report"'));
    writeFileSync(path, `${kept.join('\n')}\n`);

    const second = executorAdapter({ senderCompId });
    const secondReports = new ReportRecorder(second);
    await expect(second.lookup('lost-1')).rejects.toBeInstanceOf(BrokerUnavailableError);
    await second.connect();

    expect(await second.lookup('lost-1')).toMatchObject({ state: 'filled', filledQty: '2' });
    expect(await second.fills(fill?.at ?? '')).toEqual([fill]);
    expect(secondReports.of('lost-1').filter((r) => r.kind === 'fill')).toEqual([fill]);
    await second.disconnect();
  });

  it('answers null after recovery for an order journaled but never sent (a crash before the send), and takes it then', async () => {
    const senderCompId = uniqueCompId();
    const first = executorAdapter({ senderCompId });
    await first.connect();
    await first.disconnect();
    new OrderJournalFileStore(first.journalPath).append({ type: 'submitted', order: limitOrder('unsent-1', '12.75', '4'), at: new Date().toISOString() });

    const second = executorAdapter({ senderCompId });
    const secondReports = new ReportRecorder(second);
    await expect(second.lookup('unsent-1')).rejects.toBeInstanceOf(BrokerUnavailableError);
    await second.connect();

    expect(await second.lookup('unsent-1')).toBeNull();
    expect(await second.openOrders()).toEqual([]);
    await second.submit(limitOrder('unsent-1', '12.75', '4'));
    await secondReports.waitFor('unsent-1', 'fill');
    expect(await second.lookup('unsent-1')).toMatchObject({ state: 'filled', filledQty: '4' });
    await second.disconnect();
  });
});
