import { parseReplayArgs, ReplayInvocation, UsageError } from './replay-cli';

const NOW = new Date('2026-03-02T20:00:00.000Z');
const run = (...argv: string[]) => parseReplayArgs(argv, NOW) as ReplayInvocation;

describe('replay arguments', () => {
  it('given none, then it reconstructs the state of every account as of now, as a table with progress', () => {
    expect(run()).toEqual({
      kind: 'run', mode: 'state', filter: { accountIds: null, symbols: null, asOf: NOW }, from: null, to: null, orderId: null, json: false, progress: true, strict: false,
    });
  });

  it('given filters, an as-of instant and --json, then they are all taken (symbols upper-cased, lists split on commas)', () => {
    const invocation = run('--account', 'a-1,a-2', '--symbol=aapl', '--as-of', '2026-03-02T15:30:00Z', '--json', '--no-progress');

    expect(invocation.filter).toEqual({ accountIds: new Set(['a-1', 'a-2']), symbols: new Set(['AAPL']), asOf: new Date('2026-03-02T15:30:00Z') });
    expect(invocation).toMatchObject({ json: true, progress: false });
  });

  it('given --to before --as-of, then the state is as of --to', () => {
    expect(run('--as-of', '2026-03-02T18:00:00Z', '--to', '2026-03-02T16:00:00Z').filter.asOf).toEqual(new Date('2026-03-02T16:00:00Z'));
  });

  it('given --order with a period, then it asks for that order timeline within it', () => {
    expect(run('--order', 'o-1', '--from', '2026-03-01', '--to', '2026-03-03')).toMatchObject({
      mode: 'order', orderId: 'o-1', from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-03T00:00:00Z'),
    });
  });

  it('given --verify or --rebuild, then that is the mode', () => {
    expect(run('--verify', '--account', 'a-1').mode).toBe('verify');
    expect(run('--rebuild').mode).toBe('rebuild');
  });

  it('given --strict, then every record is re-validated', () => {
    expect(run('--strict').strict).toBe(true);
  });

  it('given --help, then help is asked for', () => {
    expect(parseReplayArgs(['--verify', '--help'], NOW)).toEqual({ kind: 'help' });
  });

  it.each([
    [['--bogus'], 'unknown argument "--bogus"'],
    [['--as-of'], '--as-of expects a value'],
    [['--account', '--json'], '--account expects a value'],
    [['--as-of', 'yesterday'], '--as-of expects an ISO-8601 time'],
    [['--as-of', '2026-03-02T15:00:00'], '--as-of expects an ISO-8601 time'],
    [['--from', '2026-03-03', '--to', '2026-03-02'], '--from must be before --to'],
    [['--verify', '--order', 'o-1'], '--verify, --order cannot be combined'],
    [['--verify', '--as-of', '2026-03-02'], '--verify compares the state now'],
    [['--rebuild', '--account', 'a-1'], '--rebuild replays the whole archive'],
    [['--symbol', 'A', '--symbol', 'B'], '--symbol is given twice'],
  ])('given %j, then it is a usage error saying %s', (argv, message) => {
    expect(() => parseReplayArgs(argv, NOW)).toThrow(UsageError);
    expect(() => parseReplayArgs(argv, NOW)).toThrow(message);
  });
});
