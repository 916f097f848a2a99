import { BrokerUnavailableError } from '@trading/broker-sdk';
import { Clock } from '@trading/domain';
import { TrackedOrder } from '../journal/execution-journal.state';
import { ExecutionReportBody } from '../reports/execution-report.mapper';
import { ResilientBroker } from '../resilience/resilient-broker';
import { StubBrokerAdapter } from '../testing/stub-broker.adapter';
import { Reconciler, ReconciliationIncompleteError } from './reconciler';
import { ReportPublisher } from './report.publisher';

const clock: Clock = { now: () => new Date('2024-05-01T14:00:00.000Z') };
const resilience = { timeoutMs: 1000, breakerFailures: 5, breakerHalfOpenAfterMs: 60_000, ratePerSecond: 1000, rateBurst: 1000, rateMaxWaitMs: 0 };

function tracked(orderId: string, status: TrackedOrder['status']): TrackedOrder {
  return {
    orderId,
    accountId: 'acc-1',
    broker: 'stub',
    symbol: 'AAPL',
    side: 'buy',
    correlationId: `corr-${orderId}`,
    intendedAt: '2024-05-01T13:59:00.000Z',
    status,
    filledQty: '0',
    replacementOrderId: null,
  };
}

describe('Reconciler', () => {
  let stub: StubBrokerAdapter;
  let published: ExecutionReportBody[];
  let reconciler: Reconciler;

  beforeEach(() => {
    stub = new StubBrokerAdapter('stub');
    published = [];
    const reports = { publish: async (_account: string, _correlation: string, report: ExecutionReportBody) => void published.push(report) };
    reconciler = new Reconciler(new Map([['stub', new ResilientBroker(stub, resilience, clock)]]), reports as unknown as ReportPublisher, {
      fillsLookbackMs: 60_000,
    });
  });

  it('given a working order the broker no longer knows, then it is reported canceled naming the reason', async () => {
    await reconciler.reconcile([tracked('o-lost', 'new')]);

    expect(published).toEqual([expect.objectContaining({ kind: 'canceled', orderId: 'o-lost', reason: expect.stringMatching(/^BROKER.ORDER_UNKNOWN/) as unknown })]);
  });

  it('given a pending_new order the broker does not know, then nothing is reported (the in-flight resolution sends it)', async () => {
    await reconciler.reconcile([tracked('o-pending', 'pending_new')]);

    expect(published).toEqual([]);
  });

  it('given the broker lists its open orders but cannot look one up, then nothing is ended and reconciliation says it is incomplete', async () => {
    stub.lookup = () => Promise.reject(new BrokerUnavailableError('stub', 'lookup service down'));

    await expect(reconciler.reconcile([tracked('o-working', 'new')])).rejects.toThrow(ReconciliationIncompleteError);

    expect(published).toEqual([]);
  });

  it('given the broker cannot list its open orders, then reconciliation says it is incomplete (and runs again later)', async () => {
    stub.openOrders = () => Promise.reject(new BrokerUnavailableError('stub', 'session down'));

    await expect(reconciler.reconcile([tracked('o-working', 'new')])).rejects.toMatchObject({ code: 'EXECUTION.RECONCILIATION_INCOMPLETE' });

    expect(published).toEqual([]);
  });
});
