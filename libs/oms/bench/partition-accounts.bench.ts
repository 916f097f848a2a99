/**
 * What one event costs an OMS partition as its number of accounts grows: the decision on a
 * command (here opening the next account) and the replay of its event, on a partition that
 * already holds N accounts. The baseline is the same run's smallest partition; a flat ratio means
 * an event costs the same in a partition of many accounts, and a rebuild grows with the events
 * only.
 *
 *   npx tsc -p libs/oms/bench/tsconfig.json && npx tsc-alias -p libs/oms/bench/tsconfig.json
 *   node .bench/oms/libs/oms/bench/partition-accounts.bench.js [accounts=100,1000,10000,50000] [eventsPerRun=2000]
 */
import { accountBookDecider } from '@trading/domain';
import { EnvelopeFactory, EventEnvelope, UuidV7IdGenerator } from '@trading/messaging';
import { AccountBookProgram } from '../src/account-book.program';
import { OmsPartitionState } from '../src/oms-partition.state';

const levels = (process.argv[2] ?? '100,1000,10000,50000').split(',').map(Number);
const eventsPerRun = Number(process.argv[3] ?? 2_000);
const out = (text: string): boolean => process.stdout.write(`${text}\n`);

const clock = { now: (): Date => new Date('2026-01-05T14:30:00.000Z') };
const envelopes = new EnvelopeFactory(new UuidV7IdGenerator(), clock);
const program = new AccountBookProgram(accountBookDecider, envelopes, clock, { latest: () => null });

const openAccount = (n: number): EventEnvelope =>
  envelopes.create({ type: 'OpenAccount', schemaVersion: 1, accountId: `acct-${n}`, streamId: 'admin', seq: 0, payload: { startingCash: '100000' } });

/** Decides opening accounts `from` to `to - 1`; returns the state and the events. */
function open(state: OmsPartitionState, from: number, to: number): { state: OmsPartitionState; events: EventEnvelope[] } {
  const events: EventEnvelope[] = [];
  for (let n = from; n < to; n++) {
    const step = program.process(state, openAccount(n));
    state = step.state;
    events.push(...step.outputs);
  }
  return { state, events };
}

function main(): void {
  let state = program.initialState();
  const rows: [number, number, number][] = [];
  for (const level of [...levels].sort((a, b) => a - b)) {
    state = open(state, state.accounts.size, level).state;
    const before = state;
    const decideStart = process.hrtime.bigint();
    const decided = open(state, level, level + eventsPerRun);
    const decideUs = Number(process.hrtime.bigint() - decideStart) / 1000 / eventsPerRun;
    const replayStart = process.hrtime.bigint();
    let replayed = before;
    for (const event of decided.events) replayed = program.replay(replayed, event);
    const replayUs = Number(process.hrtime.bigint() - replayStart) / 1000 / decided.events.length;
    if (replayed.accounts.size !== decided.state.accounts.size) throw new Error('replay and decision disagree');
    state = decided.state;
    rows.push([level, decideUs, replayUs]);
  }
  const [, decideBase = NaN, replayBase = NaN] = rows[0] ?? [];
  out(`OMS partition cost per event (decide an account opening; replay its event), ${eventsPerRun} events per row`);
  out('accounts   decide us/event  ratio   replay us/event  ratio');
  for (const [accounts, decideUs, replayUs] of rows) {
    out(
      `${String(accounts).padStart(8)} ${decideUs.toFixed(1).padStart(17)} ${(decideUs / decideBase).toFixed(2).padStart(6)}x ${replayUs.toFixed(1).padStart(17)} ${(replayUs / replayBase).toFixed(2).padStart(6)}x`,
    );
  }
  out(`peak RSS (VmHWM) ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

main();
