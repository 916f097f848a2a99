import { IssuedApiKey, RevokeOutcome } from '@trading/gateway';
import { adminUsage, parseAdminArgs } from './admin-cli';
import { AdminServices, AdminTask, UsageError } from './commands/admin-command';

/** Records what the commands ask of their services, in order. */
class RecordingServices {
  readonly calls: string[] = [];
  readonly sent: { accountId: string; type: string; payload: unknown }[] = [];
  revokeOutcome: RevokeOutcome = 'revoked';

  readonly services = {
    ids: { next: () => 'acc-0001' },
    commandSide: {
      send: async (accountId: string, type: string, payload: unknown) => {
        this.calls.push(`${type} ${accountId}`);
        this.sent.push({ accountId, type, payload });
        return `cmd-${this.sent.length}`;
      },
      broadcast: async (type: string, payload: unknown) => {
        this.calls.push(`broadcast ${type}`);
        this.sent.push({ accountId: '*', type, payload });
        return ['cmd-a', 'cmd-b'];
      },
    },
    apiKeys: {
      create: async (accountId: string): Promise<IssuedApiKey> => {
        this.calls.push(`create key ${accountId}`);
        return { accountId, keyId: 'PKTEST00000000000001', secretKey: 's'.repeat(40), createdAt: new Date(0) };
      },
      revoke: async (keyId: string): Promise<RevokeOutcome> => {
        this.calls.push(`revoke ${keyId}`);
        return this.revokeOutcome;
      },
    },
  } as unknown as AdminServices;
}

function taskOf(argv: string[]): { task: AdminTask; json: boolean } {
  const invocation = parseAdminArgs(argv);
  if (invocation.kind !== 'run') throw new Error(`expected a command to run, got ${invocation.kind}`);
  return invocation;
}

describe('admin CLI arguments', () => {
  describe('account:create', () => {
    it.each(['100000', '0', '0.5', '2500.50', '999999999999999.99'])('accepts --cash %s and opens the account with it before issuing a key', async (cash) => {
      const recorder = new RecordingServices();
      const { task, json } = taskOf(['account:create', '--cash', cash, '--json']);

      const result = await task(recorder.services);

      expect(json).toBe(true);
      expect(recorder.sent).toEqual([{ accountId: 'acc-0001', type: 'OpenAccount', payload: { startingCash: cash } }]);
      expect(recorder.calls).toEqual(['OpenAccount acc-0001', 'create key acc-0001']);
      expect(result.json).toEqual({ accountId: 'acc-0001', keyId: 'PKTEST00000000000001', secretKey: 's'.repeat(40) });
    });

    it('prints text for a person without --json', async () => {
      const { task, json } = taskOf(['account:create', '--cash=100']);

      const result = await task(new RecordingServices().services);

      expect(json).toBe(false);
      expect(result.text).toContain('PKTEST00000000000001');
      expect(result.text).toContain('shown only this once');
    });

    it.each([
      [['--cash=-1'], /non-negative decimal/],
      [['--cash', '-1'], /argument is ambiguous/],
      [['--cash', '1.234'], /at most 2 decimals/],
      [['--cash', '1e5'], /non-negative decimal/],
      [['--cash', 'abc'], /non-negative decimal/],
      [['--cash', 'NaN'], /non-negative decimal/],
      [['--cash', '007'], /non-negative decimal/],
      [['--cash', '1.'], /non-negative decimal/],
      [['--cash', ' 100'], /non-negative decimal/],
      [['--cash', '1000000000000000'], /non-negative decimal/],
    ])('refuses %p', (cash, message) => {
      expect(() => parseAdminArgs(['account:create', ...cash])).toThrow(UsageError);
      expect(() => parseAdminArgs(['account:create', ...cash])).toThrow(message);
    });

    it('requires --cash, with a value', () => {
      expect(() => parseAdminArgs(['account:create'])).toThrow('--cash <amount> is required');
      expect(() => parseAdminArgs(['account:create', '--cash'])).toThrow(UsageError);
    });
  });

  describe('key:create', () => {
    it('issues a key for the account given', async () => {
      const recorder = new RecordingServices();

      const result = await taskOf(['key:create', '--account', '0190f4d2-7c3b-7a4e-9b1f-2a3c4d5e6f70']).task(recorder.services);

      expect(recorder.calls).toEqual(['create key 0190f4d2-7c3b-7a4e-9b1f-2a3c4d5e6f70']);
      expect(result.json).toMatchObject({ accountId: '0190f4d2-7c3b-7a4e-9b1f-2a3c4d5e6f70', keyId: 'PKTEST00000000000001' });
    });

    it.each([[['key:create']], [['key:create', '--account', 'has space']], [['key:create', '--account', 'a'.repeat(129)]]])(
      'refuses %p',
      (argv) => {
        expect(() => parseAdminArgs(argv)).toThrow(UsageError);
      },
    );
  });

  describe('key:revoke', () => {
    it('revokes the key given, and fails on a key that does not exist', async () => {
      const recorder = new RecordingServices();
      const { task } = taskOf(['key:revoke', '--key', 'PKTEST00000000000001']);

      await expect(task(recorder.services)).resolves.toMatchObject({ json: { keyId: 'PKTEST00000000000001', status: 'revoked' } });
      recorder.revokeOutcome = 'not-found';
      await expect(task(recorder.services)).rejects.toThrow('no API key PKTEST00000000000001');
    });

    it.each([[['key:revoke']], [['key:revoke', '--key', 'pk-lowercase']], [['key:revoke', '--account', 'acc-1']]])('refuses %p', (argv) => {
      expect(() => parseAdminArgs(argv)).toThrow(UsageError);
    });
  });

  it.each([
    [[], /no command/],
    [['account:delete'], /unknown command "account:delete"/],
    [['account:create', '--cash', '1', '--bogus'], /Unknown option '--bogus'/],
    [['account:create', '--cash', '1', 'extra'], /account:create/],
  ])('refuses %p with a usage error', (argv, message) => {
    expect(() => parseAdminArgs(argv)).toThrow(UsageError);
    expect(() => parseAdminArgs(argv)).toThrow(message);
  });

  it('answers help', () => {
    expect(parseAdminArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseAdminArgs(['key:create', '--help'])).toEqual({ kind: 'help' });
    expect(adminUsage()).toMatch(/account:create --cash <amount> \[--json\][\s\S]*key:create[\s\S]*key:revoke/);
  });

  describe('limits:set', () => {
    it('sends a SetRiskLimits command with typed values', async () => {
      const recorder = new RecordingServices();
      const { task } = taskOf(['limits:set', '--account', 'acc-9', '--set', 'maxOrderNotional=50000,maxOpenOrders=5,restrictedSymbols=GME|AMC']);

      await task(recorder.services);

      expect(recorder.sent).toEqual([
        { accountId: 'acc-9', type: 'SetRiskLimits', payload: { limits: { maxOrderNotional: '50000', maxOpenOrders: 5, restrictedSymbols: ['GME', 'AMC'] } } },
      ]);
    });

    it.each([
      ['maxOrderNotional', /key=value/],
      ['noSuchLimit=1', /unknown limit "noSuchLimit"/],
      ['maxOpenOrders=1.5', /maxOpenOrders must be a whole number/],
      ['maxOrderNotional=-5', /maxOrderNotional/],
    ])('refuses --set %s before connecting to anything', (set, message) => {
      expect(() => taskOf(['limits:set', '--account', 'acc-9', '--set', set])).toThrow(message);
    });
  });

  describe('trading:set and trading:set-global', () => {
    it('sends the account kill switch', async () => {
      const recorder = new RecordingServices();
      const { task } = taskOf(['trading:set', '--account', 'acc-9', '--state', 'HALTED', '--reason', 'margin call']);

      await task(recorder.services);

      expect(recorder.sent).toEqual([{ accountId: 'acc-9', type: 'SetTradingState', payload: { tradingState: 'HALTED', reason: 'margin call' } }]);
    });

    it('broadcasts the global kill switch to every partition', async () => {
      const recorder = new RecordingServices();
      const { task } = taskOf(['trading:set-global', '--state', 'REDUCING', '--reason', 'market stress']);

      const result = await task(recorder.services);

      expect(recorder.calls).toEqual(['broadcast SetGlobalTradingState']);
      expect(result.json).toMatchObject({ commandIds: ['cmd-a', 'cmd-b'], tradingState: 'REDUCING' });
    });

    it('refuses an unknown state', () => {
      expect(() => taskOf(['trading:set-global', '--state', 'PAUSED', '--reason', 'x'])).toThrow(UsageError);
    });
  });
});
