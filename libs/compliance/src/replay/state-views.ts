import { DecimalString, Order } from '@trading/domain';
import { Position } from '@trading/read-models';
import { ReplayFilter, wantsSymbol } from './replay-filter';
import { ReconstructedState } from './state-reconstruction';

export interface AccountOrder {
  readonly accountId: string;
  readonly order: Order;
}

export interface AccountPosition {
  readonly accountId: string;
  readonly symbol: string;
  readonly position: Position;
}

export interface AccountCash {
  readonly accountId: string;
  readonly cash: DecimalString | null;
}

/** The reconstruction as the read models present it: rows of orders, positions and cash. */
export interface StateView {
  readonly asOf: string;
  readonly orders: readonly AccountOrder[];
  readonly positions: readonly AccountPosition[];
  readonly cash: readonly AccountCash[];
}

export function viewOf(state: ReconstructedState, filter: Pick<ReplayFilter, 'symbols'>): StateView {
  const orders: AccountOrder[] = [];
  const positions: AccountPosition[] = [];
  for (const account of state.accounts) {
    if (account.book.status === 'open') {
      for (const order of account.book.orders.values()) {
        if (wantsSymbol(filter, order.symbol)) orders.push({ accountId: account.accountId, order });
      }
    }
    for (const symbol of Object.keys(account.positions).sort()) {
      const position = account.positions[symbol];
      if (position && wantsSymbol(filter, symbol)) positions.push({ accountId: account.accountId, symbol, position });
    }
  }
  return {
    asOf: state.asOf.toISOString(),
    orders,
    positions,
    cash: state.accounts.map((account) => ({ accountId: account.accountId, cash: account.cash })),
  };
}
