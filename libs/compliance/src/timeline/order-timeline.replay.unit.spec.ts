import { TRADING_MESSAGES } from '@trading/contracts';
import { EXECUTION_JOURNAL_MESSAGES } from '@trading/execution';
import { MessageRegistry } from '@trading/messaging';
import { InMemoryArchiveSource } from '../archive/in-memory-archive.source';
import { AccountHistory } from '../testing/account-history.fixture';
import { ArchiveLog, TEST_TOPICS } from '../testing/archive-log.fixture';
import { replayOrderTimeline } from './order-timeline.replay';

const registry = new MessageRegistry().register(...TRADING_MESSAGES, ...EXECUTION_JOURNAL_MESSAGES);

describe("an order's timeline from the archive", () => {
  const log = new ArchiveLog();
  const account = new AccountHistory(log, 'acct-1');
  account.open('100000');
  account.place('o-other', { qty: '1' });
  account.place('o-1', { qty: '10', limitPrice: '150.00' });
  account.acknowledge('o-1');
  account.fill('o-1', 'x-1', '4', '150.00');
  account.cancel('o-1');
  account.canceled('o-1');
  account.place('o-big', { qty: '100000' });
  const source = new InMemoryArchiveSource(log.records);
  const timeline = (orderId: string) => replayOrderTimeline({ source, registry, topics: TEST_TOPICS, orderId, accountId: null });

  it('given a placed, partly filled and canceled order, then every command, decision, report and journal entry is listed in order with its status', async () => {
    const { accountId, entries } = await timeline('o-1');

    expect(accountId).toBe('acct-1');
    expect(entries.map((entry) => `${entry.kind} ${entry.type} ${entry.status ?? ''}`.trim())).toEqual([
      'command PlaceOrder',
      'decision OrderPlaced pending_new',
      'journal BrokerSubmitIntended',
      'journal BrokerRequestSent',
      'execution-report ExecutionReported',
      'decision OrderAcknowledged new',
      'execution-report ExecutionReported',
      'decision OrderPartiallyFilled partially_filled',
      'command CancelOrder',
      'decision OrderCancelRequested pending_cancel',
      'execution-report ExecutionReported',
      'decision OrderCanceled canceled',
    ]);
  });

  it('given an accepted order, then its decision carries the risk inputs and every entry its correlation and trace id', async () => {
    const { entries } = await timeline('o-1');
    const placed = entries.find((entry) => entry.type === 'OrderPlaced');
    const command = entries.find((entry) => entry.type === 'PlaceOrder');

    expect(placed?.details).toMatchObject({ orderId: 'o-1', risk: { limitSetVersion: 1, referencePrice: { price: '150.00' }, reservedCash: '1500.00' } });
    expect(placed?.causationId).toBe(command?.eventId);
    expect(new Set(entries.map((entry) => entry.correlationId))).toEqual(new Set([command?.correlationId]));
    expect(entries.every((entry) => entry.traceId === account.traceIds.get(command!.correlationId))).toBe(true);
  });

  it('given an order refused by risk, then the refusal reason is its decision', async () => {
    const { entries } = await timeline('o-big');

    expect(entries.map((entry) => entry.type)).toEqual(['PlaceOrder', 'OrderRejected']);
    expect((entries[1]?.details as { reason: { code: string } }).reason.code).toMatch(/^RISK\./);
  });

  it('given an order id the archive never saw, then it is refused with a coded error', async () => {
    await expect(timeline('o-unknown')).rejects.toMatchObject({ code: 'REPLAY.ORDER_NOT_FOUND' });
  });
});
