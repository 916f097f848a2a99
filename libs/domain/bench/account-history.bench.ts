/**
 * What one order costs the account book as the account's history grows: the OMS's decide and
 * evolve of a placement and of the broker's answer, on a book that already holds N orders (every
 * order an account ever placed stays in its book). The baseline is the same run's smallest book;
 * a flat ratio means an order's cost does not grow with the account's history.
 *
 *   npx tsc -p libs/domain/bench/tsconfig.json && npx tsc-alias -p libs/domain/bench/tsconfig.json
 *   node .bench/domain/libs/domain/bench/account-history.bench.js [histories=100,1000,10000,50000] [ordersPerRun=500]
 */
import { AccountBookCommand, AccountBookState, accountBookDecider, OpenAccountBook } from '@trading/domain';
import { brokerRejected, openAccount, placeOrder, T0 } from '../src/testing/account-book.fixtures';

const histories = (process.argv[2] ?? '100,1000,10000,50000').split(',').map(Number);
const ordersPerRun = Number(process.argv[3] ?? 500);
const out = (text: string): boolean => process.stdout.write(`${text}\n`);

const apply = (state: AccountBookState, command: AccountBookCommand): AccountBookState =>
  accountBookDecider.decide(command, state).reduce((next, event) => accountBookDecider.evolve(next, event), state);

/** One order's life: placed, then refused by the broker (terminal, so the book's open orders stay few). */
function placeAndReject(state: AccountBookState, n: number): AccountBookState {
  const at = new Date(Date.parse(T0) + n * 1000).toISOString();
  const orderId = `o-${String(n).padStart(8, '0')}`;
  const placed = apply(state, placeOrder(orderId, { qty: String(1 + (n % 50)), clientOrderId: `c-${n}` }, { at, commandId: `p-${n}` }));
  return apply(placed, brokerRejected(orderId, { at, commandId: `r-${n}` }));
}

function main(): void {
  // no rate or duplicate refusals: the orders are the history, not a risk test
  let state = apply(accountBookDecider.initialState(), openAccount({ limits: { maxOrdersPerWindow: 1_000_000_000, duplicateOrderWindowMs: 0 } }));
  let placed = 0;
  const rows: [number, number][] = [];
  for (const history of [...histories].sort((a, b) => a - b)) {
    while (placed < history) state = placeAndReject(state, placed++);
    const start = process.hrtime.bigint();
    for (let i = 0; i < ordersPerRun; i++) state = placeAndReject(state, placed++);
    const usPerOrder = Number(process.hrtime.bigint() - start) / 1000 / ordersPerRun;
    rows.push([(state as OpenAccountBook).orders.size, usPerOrder]);
  }
  const baseline = rows[0]?.[1] ?? NaN;
  out(`account-book cost per order (decide + evolve of a placement and the broker's refusal), ${ordersPerRun} orders per row`);
  out('orders in book   us/order   ratio to the smallest book');
  for (const [orders, us] of rows) out(`${String(orders).padStart(14)} ${us.toFixed(1).padStart(10)} ${(us / baseline).toFixed(2).padStart(8)}x`);
  out(`peak RSS (VmHWM) ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

main();
