import { StateView } from '@trading/compliance';
import { textTable } from './text-table';

export function renderState(view: StateView, json: boolean): string {
  if (json) return JSON.stringify(view);
  const orders = textTable(
    ['account', 'order', 'symbol', 'side', 'type', 'qty', 'limit', 'status', 'filled', 'avg price', 'updated'],
    view.orders.map(({ accountId, order }) => [
      accountId, order.orderId, order.symbol, order.side, order.type, order.qty ?? `$${order.notional ?? ''}`, order.limitPrice ?? '',
      order.status, order.filledQty, order.filledAvgPrice ?? '', order.updatedAt,
    ]),
  );
  const positions = textTable(
    ['account', 'symbol', 'qty', 'avg entry', 'cost basis', 'realized P&L'],
    view.positions.map(({ accountId, symbol, position }) => [accountId, symbol, position.qty, position.avgEntryPrice, position.costBasis, position.realizedPnl]),
  );
  const cash = textTable(['account', 'cash'], view.cash.map(({ accountId, cash: amount }) => [accountId, amount ?? '']));
  return [`as of ${view.asOf}`, '', `orders (${view.orders.length})`, orders, '', `positions (${view.positions.length})`, positions, '', 'cash', cash].join('\n');
}
