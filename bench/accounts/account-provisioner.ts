import { join } from 'node:path';
import { BENCH_BUILD, startNode } from '../support/child-process';
import { BenchAccount, ProvisionResult } from './bench-account';

export interface AccountProvisionerOptions {
  /** The environment the services run with (topic prefix, database). */
  readonly env: Readonly<Record<string, string>>;
  readonly cash: string;
  /** `limits:set --set` value. */
  readonly limits: string;
}

/** Opens accounts in a child process (`provision-accounts.main`), waiting until the OMS has decided them. */
export class AccountProvisioner {
  constructor(private readonly options: AccountProvisionerOptions) {}

  async open(count: number): Promise<readonly BenchAccount[]> {
    const child = startNode(
      join(BENCH_BUILD, 'accounts', 'provision-accounts.main.js'),
      ['--count', String(count), '--cash', this.options.cash, '--limits', this.options.limits],
      this.options.env,
    );
    const { code, signal } = await child.exited;
    if (code !== 0) throw new Error(`opening ${count} accounts failed (${signal ?? `exit ${String(code)}`}):\n${child.output().slice(-3_000)}`);
    const line = child.stdout().trim().split('\n').pop() ?? '';
    const result = JSON.parse(line) as ProvisionResult;
    if (result.accounts.length !== count) throw new Error(`asked for ${count} accounts, got ${result.accounts.length}`);
    return result.accounts;
  }
}
