import { BrokerFill, BrokerOrder, BrokerUnavailableError } from '@trading/broker-sdk';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixBrokerAdapter } from './fix-broker.adapter';
import { fixBrokerConfig } from './fix-broker.config';
import { SILENT_FIX_LOG } from './fix-engine-log.factory';
import { OrderJournalFileStore } from './order-journal-file.store';

const at = '2024-05-01T13:00:00.000Z';
const order = (clientOrderId: string): BrokerOrder => ({
  clientOrderId,
  accountId: 'acc-1',
  symbol: 'AAPL',
  side: 'buy',
  type: 'limit',
  timeInForce: 'day',
  qty: '7',
  notional: null,
  limitPrice: '101.25',
  stopPrice: null,
});
const fill: BrokerFill = { kind: 'fill', clientOrderId: 'filled-1', brokerOrderId: 'B2', at, executionId: 'E1', qty: '7', price: '101.25', venue: 'V' };

/** A restarted process: a new adapter on the journal an earlier one left behind, not connected (no network). */
describe('FixBrokerAdapter rebuilt from its order journal', () => {
  let dir: string;
  let adapter: FixBrokerAdapter;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fix-adapter-'));
    const config = fixBrokerConfig({ host: '127.0.0.1', port: 1, senderCompId: 'US', targetCompId: 'THEM', storeDirectory: dir });
    adapter = new FixBrokerAdapter(config, { now: () => new Date(at) }, { next: () => 'id' }, SILENT_FIX_LOG);
    const earlier = new OrderJournalFileStore(adapter.journalPath);
    earlier.append({ type: 'submitted', order: order('filled-1'), at });
    earlier.append({ type: 'request_sent', seqNum: 2, request: { kind: 'submit', clientOrderId: 'filled-1' } });
    earlier.append({ type: 'report', seqNum: 2, report: { kind: 'acknowledged', clientOrderId: 'filled-1', brokerOrderId: 'B1', at, venueStatus: 'new' } });
    earlier.append({ type: 'report', seqNum: 3, report: fill });
    earlier.append({ type: 'submitted', order: order('unanswered-1'), at });
    earlier.append({ type: 'request_sent', seqNum: 3, request: { kind: 'submit', clientOrderId: 'unanswered-1' } });
    earlier.close();
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given an order the counterparty answered, then lookup finds it with its fill, before any connection', async () => {
    expect(await adapter.lookup('filled-1')).toMatchObject({ order: order('filled-1'), state: 'filled', filledQty: '7', brokerOrderId: 'B2' });
    expect(await adapter.fills(at)).toEqual([fill]);
  });

  it('given an order sent but never answered, then lookup does not answer null: it is in doubt until the session recovers', async () => {
    await expect(adapter.lookup('unanswered-1')).rejects.toBeInstanceOf(BrokerUnavailableError);
    await expect(adapter.openOrders()).rejects.toBeInstanceOf(BrokerUnavailableError);
  });

  it('given an order never sent, then lookup answers null', async () => {
    expect(await adapter.lookup('never-sent')).toBeNull();
  });
});
