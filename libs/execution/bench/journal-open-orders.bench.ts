/**
 * What one journal entry costs the execution service as the resting orders of a partition grow:
 * the fold of an order's submit intent, the broker's acceptance and the OMS's `new`, on a journal
 * that already tracks N open orders. The baseline is the same run's smallest journal; a flat ratio
 * means a market maker's resting book does not slow every other order down, nor the rebuild.
 *
 *   npx tsc -p libs/execution/bench/tsconfig.json && npx tsc-alias -p libs/execution/bench/tsconfig.json
 *   node .bench/execution/libs/execution/bench/journal-open-orders.bench.js [openOrders=100,1000,10000,50000] [ordersPerRun=2000]
 */
import { ExecutionJournalEntry } from '../src/journal/execution-journal.entries';
import { ExecutionJournalState, emptyExecutionJournalState, evolveExecutionJournal } from '../src/journal/execution-journal.state';

const levels = (process.argv[2] ?? '100,1000,10000,50000').split(',').map(Number);
const ordersPerRun = Number(process.argv[3] ?? 2_000);
const out = (text: string): boolean => process.stdout.write(`${text}\n`);
const at = '2026-01-05T14:30:00.000Z';

/** A resting limit order's entries: intended, sent, acknowledged by the OMS (still open). */
function restingOrder(n: number): ExecutionJournalEntry[] {
  const orderId = `o-${n}`;
  const accountId = `acct-${n % 100}`;
  const intentId = `i-${n}`;
  return [
    {
      type: 'BrokerSubmitIntended',
      intentId,
      orderId,
      accountId,
      correlationId: `c-${n}`,
      at,
      broker: 'paper',
      order: { clientOrderId: orderId, accountId, symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'gtc', qty: '1', notional: null, limitPrice: '100', stopPrice: null },
    },
    { type: 'BrokerRequestSent', intentId, orderId, accountId, action: 'submit', at },
    { type: 'OmsOrderStatusObserved', orderId, accountId, status: 'new', filledQty: null, at },
  ];
}

function rest(state: ExecutionJournalState, from: number, to: number): ExecutionJournalState {
  for (let n = from; n < to; n++) state = restingOrder(n).reduce(evolveExecutionJournal, state);
  return state;
}

function main(): void {
  let state = emptyExecutionJournalState();
  const rows: [number, number][] = [];
  for (const level of [...levels].sort((a, b) => a - b)) {
    state = rest(state, state.orders.size, level);
    const start = process.hrtime.bigint();
    state = rest(state, level, level + ordersPerRun);
    rows.push([level, Number(process.hrtime.bigint() - start) / 1000 / (ordersPerRun * 3)]);
  }
  const baseline = rows[0]?.[1] ?? NaN;
  out(`execution journal cost per entry (a resting order's intent, sent, new), ${ordersPerRun} orders per row`);
  out('open orders   us/entry   ratio to the smallest journal');
  for (const [open, us] of rows) out(`${String(open).padStart(11)} ${us.toFixed(1).padStart(10)} ${(us / baseline).toFixed(2).padStart(8)}x`);
  out(`peak RSS (VmHWM) ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

main();
