import { Order } from '@trading/domain';
import { AccountOrder } from '../replay/state-views';
import { describeDifference } from './read-model-difference';
import { diffReadModels, ReadModelRows } from './read-model-diff';

const order = (overrides: Partial<Order> = {}): AccountOrder => ({
  accountId: 'acct-1',
  order: {
    orderId: 'o-1', clientOrderId: 'c-1', symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'day', qty: '10', notional: null,
    limitPrice: '150.00', stopPrice: null, status: 'partially_filled', venueStatus: 'new', cancelPending: false, filledQty: '4',
    filledNotional: '598.00', filledAvgPrice: '149.50', executionIds: ['x-1'], reservedCash: '900.00',
    risk: { limitSetVersion: 1, referencePrice: null, tradingState: 'ACTIVE', estimatedNotional: '1500.00', exposureQty: '10', reservePrice: '150.00', reservedCash: '1500.00' },
    replaces: null, replacedBy: null, submittedAt: '2026-03-02T14:30:01.000Z', updatedAt: '2026-03-02T14:30:03.000Z',
    ...overrides,
  },
});

const rows = (overrides: Partial<ReadModelRows> = {}): ReadModelRows => ({
  orders: [order()],
  positions: [{ accountId: 'acct-1', symbol: 'AAPL', position: { qty: '4', avgEntryPrice: '149.50', costBasis: '598.00', realizedPnl: '0.00' } }],
  cash: [{ accountId: 'acct-1', cash: '99402.00' }],
  ...overrides,
});

describe('diffing the reconstruction against the read models', () => {
  it('given the same rows (decimals written differently, jsonb keys reordered), then there is no difference', () => {
    const { risk } = order().order;
    const reordered = Object.fromEntries(Object.entries(risk).reverse()) as typeof risk;

    expect(diffReadModels(rows(), rows({ orders: [order({ limitPrice: '150.0', risk: reordered })] }))).toEqual([]);
  });

  it('given an order whose status and filled quantity differ, then each field is named with both values', () => {
    const differences = diffReadModels(rows(), rows({ orders: [order({ status: 'filled', filledQty: '10' })] }));

    expect(differences).toEqual([
      { subject: 'order', accountId: 'acct-1', key: 'o-1', field: 'status', archive: '"partially_filled"', readModel: '"filled"' },
      { subject: 'order', accountId: 'acct-1', key: 'o-1', field: 'filledQty', archive: '"4"', readModel: '"10"' },
    ]);
    expect(describeDifference(differences[0]!)).toBe('order acct-1/o-1 status: archive "partially_filled", read model "filled"');
  });

  it('given an order missing from the read model and one only in it, then both are reported', () => {
    const differences = diffReadModels(rows(), rows({ orders: [order({ orderId: 'o-2' })] }));

    expect(differences.map(describeDifference)).toEqual([
      'order acct-1/o-1: in the archive, missing from the read model',
      'order acct-1/o-2: in the read model, not in the archive',
    ]);
  });

  it('given a position with another average and realized P&L, and other cash, then those are reported', () => {
    const live = rows({
      positions: [{ accountId: 'acct-1', symbol: 'AAPL', position: { qty: '4', avgEntryPrice: '149.00', costBasis: '598.00', realizedPnl: '1.00' } }],
      cash: [{ accountId: 'acct-1', cash: '99400.00' }],
    });

    expect(diffReadModels(rows(), live).map(describeDifference)).toEqual([
      'position acct-1/AAPL avgEntryPrice: archive "149.50", read model "149.00"',
      'position acct-1/AAPL realizedPnl: archive "0.00", read model "1.00"',
      'cash acct-1/cash cash: archive "99402.00", read model "99400.00"',
    ]);
  });
});
