import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './service-process';

/**
 * The real QuickFIX/J executor (infra/fix-executor/fix-executor.sh) seen from its own side: what
 * it logged as received and what it stored as sent, per initiator CompID. Nothing here goes
 * through our FIX adapter.
 */
export const FIX_VENUE = {
  host: process.env.FIX_EXECUTOR_HOST ?? '127.0.0.1',
  port: Number(process.env.FIX_EXECUTOR_PORT ?? 9880),
  compId: process.env.FIX_EXECUTOR_COMP_ID ?? 'EXEC',
} as const;

const SCRIPT = join(REPO_ROOT, 'infra', 'fix-executor', 'fix-executor.sh');
const LOGS = [join(REPO_ROOT, '.infra', 'log', 'fix-executor.log.1'), join(REPO_ROOT, '.infra', 'log', 'fix-executor.log')];
const STORE = join(REPO_ROOT, '.infra', 'data', 'fix-executor', 'store');

/** Starts the executor unless it answers; throws, naming what is missing, if it cannot. */
export function startFixVenue(): void {
  for (const [tool, arg] of [['java', '-version'], ['mvn', '-v']] as const) {
    if (spawnSync(tool, [arg], { stdio: 'ignore' }).status !== 0) throw new Error(`${tool} is needed to start the QuickFIX/J executor`);
  }
  execFileSync('bash', [SCRIPT, 'start'], { stdio: 'inherit', env: { ...process.env, FIX_EXECUTOR_PORT: String(FIX_VENUE.port) } });
}

export type FixFieldMap = ReadonlyMap<string, string>;

function fieldsOf(message: string): FixFieldMap {
  const fields = new Map<string, string>();
  for (const pair of message.split('\x01')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && !fields.has(pair.slice(0, eq))) fields.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return fields;
}

/** Every application message the executor logged as received from `senderCompId`, in order. */
export function venueReceived(senderCompId: string): FixFieldMap[] {
  const marker = `FIX.4.4:${FIX_VENUE.compId}->${senderCompId}, incoming> (`;
  const received: FixFieldMap[] = [];
  for (const log of LOGS.filter((path) => existsSync(path))) {
    for (const line of readFileSync(log, 'utf8').split('\n')) {
      const at = line.indexOf(marker);
      if (at >= 0) received.push(fieldsOf(line.slice(at + marker.length, line.lastIndexOf(')'))));
    }
  }
  return received;
}

/** Every message the executor sent to `senderCompId`, once per MsgSeqNum (its message store). */
export function venueSent(senderCompId: string): FixFieldMap[] {
  const body = join(STORE, `FIX.4.4-${FIX_VENUE.compId}-${senderCompId}.body`);
  if (!existsSync(body)) return [];
  return readFileSync(body, 'latin1')
    .split('8=FIX.4.4\x01')
    .filter((message) => message !== '')
    .map(fieldsOf);
}
