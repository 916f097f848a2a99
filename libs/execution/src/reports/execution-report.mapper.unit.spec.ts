import { toExecutionReport, refusalReport } from './execution-report.mapper';

const at = '2026-11-22T15:00:01.250Z';

describe('execution report mapping', () => {
  it('a broker fill keeps price, quantity, execution id, venue and execution time, on our order id', () => {
    const report = toExecutionReport({
      kind: 'partial_fill', clientOrderId: 'o-1', brokerOrderId: 'B-1', at, executionId: 'X-1', qty: '4', price: '149.95', venue: 'XNAS',
    });

    expect(report).toEqual({ kind: 'partial_fill', orderId: 'o-1', executionId: 'X-1', qty: '4', price: '149.95', venue: 'XNAS', executedAt: at });
  });

  it('a replaced report names the replacement by our id', () => {
    expect(toExecutionReport({ kind: 'replaced', clientOrderId: 'o-1', brokerOrderId: null, at, replacementClientOrderId: 'o-2' })).toEqual({
      kind: 'replaced', orderId: 'o-1', replacementOrderId: 'o-2',
    });
  });

  it('a refused submit is a rejection with the code; a refused cancel a cancel rejection', () => {
    expect(refusalReport('submit', 'o-1', 'BROKER.UNAVAILABLE', 'circuit breaker of paper is open')).toEqual({
      kind: 'rejected', orderId: 'o-1', reason: 'BROKER.UNAVAILABLE: circuit breaker of paper is open',
    });
    expect(refusalReport('cancel', 'o-1', 'BROKER.RATE_LIMITED', 'slow down')).toMatchObject({ kind: 'cancel_rejected' });
  });
});
