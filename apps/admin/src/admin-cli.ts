import { parseArgs } from 'node:util';
import { accountCreateCommand } from './commands/account-create.command';
import { AdminCommand, AdminTask, UsageError } from './commands/admin-command';
import { keyCreateCommand } from './commands/key-create.command';
import { keyRevokeCommand } from './commands/key-revoke.command';
import { limitsSetCommand } from './commands/limits-set.command';
import { projectionRebuildCommand } from './commands/projection-rebuild.command';
import { tradingSetCommand, tradingSetGlobalCommand } from './commands/trading-state.commands';

export const ADMIN_COMMANDS: readonly AdminCommand[] = [
  accountCreateCommand,
  keyCreateCommand,
  keyRevokeCommand,
  limitsSetCommand,
  tradingSetCommand,
  tradingSetGlobalCommand,
  projectionRebuildCommand,
];

export type AdminInvocation =
  | { readonly kind: 'help' }
  | { readonly kind: 'run'; readonly command: string; readonly json: boolean; readonly task: AdminTask };

/** Reads `<command> [options]`; throws `UsageError` naming what is wrong. */
export function parseAdminArgs(argv: readonly string[], commands: readonly AdminCommand[] = ADMIN_COMMANDS): AdminInvocation {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError('no command given');
  if (name === 'help' || name === '--help' || name === '-h') return { kind: 'help' };
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) throw new UsageError(`unknown command "${name.slice(0, 40)}"`);

  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: { ...command.options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // Not `instanceof Error`: node's own errors may come from another realm (as under jest).
    const message = (error as { message?: unknown }).message;
    throw new UsageError(`${command.name}: ${typeof message === 'string' ? message : String(error)}`);
  }
  if (values.help === true) return { kind: 'help' };
  return { kind: 'run', command: command.name, json: values.json === true, task: command.prepare(values) };
}

export function adminUsage(commands: readonly AdminCommand[] = ADMIN_COMMANDS): string {
  const width = Math.max(...commands.map((c) => `${c.name} ${c.synopsis}`.length));
  return [
    'usage: admin <command> [options]',
    '',
    ...commands.map((c) => `  ${`${c.name} ${c.synopsis}`.padEnd(width)}  ${c.description}`),
    '',
    'Connects to DATABASE_URL (migrations run first) and KAFKA_BROKERS. Exit codes: 0 done, 1 failed, 2 bad arguments.',
  ].join('\n');
}
