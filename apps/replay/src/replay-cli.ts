import { ReplayFilter } from '@trading/compliance';

export type ReplayMode = 'state' | 'verify' | 'order' | 'rebuild';

export interface ReplayInvocation {
  readonly kind: 'run';
  readonly mode: ReplayMode;
  readonly filter: ReplayFilter;
  /** Period of a timeline (`--order`); for state, `--to` caps the as-of instant. */
  readonly from: Date | null;
  readonly to: Date | null;
  readonly orderId: string | null;
  readonly json: boolean;
  readonly progress: boolean;
  /** Re-validate every archived record with the message schemas and fold with the domain's pure evolve. */
  readonly strict: boolean;
}

export type ReplayCommandLine = ReplayInvocation | { readonly kind: 'help' };

/** Bad arguments: the CLI prints the usage and exits 64 (EX_USAGE). */
export class UsageError extends Error {
  readonly code = 'REPLAY.USAGE';
}

export function replayUsage(): string {
  return [
    'usage: replay [--as-of <time>] [--from <time>] [--to <time>] [--account <id>[,<id>...]] [--symbol <sym>[,<sym>...]]',
    '              [--json] [--no-progress] [--strict] [--verify | --order <id> | --rebuild]',
    '',
    'Reads the S3 archive only (S3_ENDPOINT, S3_BUCKET); Kafka is not needed.',
    '  (default)      orders and positions as of --as-of (default now), folded from the archived order events',
    '  --verify       compare the state now with the PostgreSQL and DynamoDB read models; exit 1 on any difference',
    '  --order <id>   the order\'s full timeline: commands, decisions, execution reports, journal entries',
    '  --rebuild      fill fresh (empty) read models from the archive; refuses non-empty ones',
    '  --strict       re-validate every archived record with the message schemas and fold with the domain\'s pure evolve',
    '                 (slower; by default records at the current schema version, proven intact by the SHA-256 chain, are not re-validated)',
    'Times are ISO-8601 (2026-03-02T15:00:00Z or 2026-03-02). --to caps --as-of; --from/--to bound a timeline.',
    'Exit codes: 0 done, 1 differences or failure, 2 archive unreadable (missing bucket, corrupt file, broken hash chain), 64 bad arguments.',
  ].join('\n');
}

const FLAGS = new Set(['--json', '--verify', '--rebuild', '--no-progress', '--strict', '--help', '-h']);
const VALUED = new Set(['--from', '--to', '--as-of', '--account', '--symbol', '--order']);

function time(name: string, text: string): Date {
  const value = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(text) ? new Date(text) : new Date(NaN);
  if (Number.isNaN(value.getTime())) throw new UsageError(`${name} expects an ISO-8601 time with a zone (2026-03-02T15:00:00Z) or a date, got "${text}"`);
  return value;
}

function list(name: string, text: string, normalize: (item: string) => string): Set<string> {
  const items = text.split(',').map((item) => item.trim()).filter(Boolean).map(normalize);
  if (items.length === 0) throw new UsageError(`${name} expects a value`);
  return new Set(items);
}

/** Parses `replay` arguments; throws `UsageError` naming what is wrong. `now` is the default as-of. */
export function parseReplayArgs(argv: readonly string[], now: Date): ReplayCommandLine {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let index = 0; index < argv.length; index++) {
    const [name = '', inline] = (argv[index] ?? '').split(/=(.*)/s, 2);
    if (FLAGS.has(name) && inline === undefined) flags.add(name);
    else if (VALUED.has(name)) {
      const value = inline ?? argv[++index];
      if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${name} expects a value`);
      if (values.has(name)) throw new UsageError(`${name} is given twice`);
      values.set(name, value);
    } else throw new UsageError(`unknown argument "${argv[index]}"`);
  }
  if (flags.has('--help') || flags.has('-h')) return { kind: 'help' };

  const modes: ReplayMode[] = [];
  if (flags.has('--verify')) modes.push('verify');
  if (values.has('--order')) modes.push('order');
  if (flags.has('--rebuild')) modes.push('rebuild');
  if (modes.length > 1) throw new UsageError(`${modes.map((mode) => `--${mode}`).join(', ')} cannot be combined`);
  const mode = modes[0] ?? 'state';

  const read = (name: string) => values.get(name);
  const from = read('--from') === undefined ? null : time('--from', read('--from')!);
  const to = read('--to') === undefined ? null : time('--to', read('--to')!);
  const asOfGiven = read('--as-of') === undefined ? null : time('--as-of', read('--as-of')!);
  if (from && to && from >= to) throw new UsageError('--from must be before --to');
  if (mode === 'verify' && (asOfGiven || to)) throw new UsageError('--verify compares the state now with the live read models: it takes no --as-of or --to');
  if (mode === 'rebuild' && values.size > 0) throw new UsageError('--rebuild replays the whole archive: it takes no filters');
  const asOf = [asOfGiven ?? now, to ?? now].reduce((a, b) => (a < b ? a : b));

  return {
    kind: 'run',
    mode,
    filter: {
      accountIds: read('--account') === undefined ? null : list('--account', read('--account')!, (id) => id),
      symbols: read('--symbol') === undefined ? null : list('--symbol', read('--symbol')!, (symbol) => symbol.toUpperCase()),
      asOf,
    },
    from,
    to,
    orderId: read('--order') ?? null,
    json: flags.has('--json'),
    progress: !flags.has('--no-progress'),
    strict: flags.has('--strict'),
  };
}
