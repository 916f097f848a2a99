import { IdGenerator } from '@trading/domain';
import { ApiKeyService } from '@trading/gateway';
import { ProjectionRebuilder } from '@trading/read-models';
import { CommandSide } from '../accounts/command-side.port';

/** What a command may use once its arguments are valid. */
export interface AdminServices {
  readonly apiKeys: ApiKeyService;
  readonly commandSide: CommandSide;
  readonly ids: IdGenerator;
  readonly rebuilder: Pick<ProjectionRebuilder, 'rebuild'>;
}

/** Printed as JSON with `--json`, else as text for a person. */
export interface AdminResult {
  readonly json: Readonly<Record<string, unknown>>;
  readonly text: string;
}

export type AdminTask = (services: AdminServices) => Promise<AdminResult>;

export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

/**
 * One admin command. `prepare` validates the parsed options (throwing `UsageError`) and returns
 * the work to do, so nothing connects to a service before the arguments are known to be good.
 */
export interface AdminCommand {
  readonly name: string;
  readonly synopsis: string;
  readonly description: string;
  readonly options: Readonly<Record<string, { readonly type: 'string' | 'boolean' }>>;
  prepare(values: OptionValues): AdminTask;
}

/** Bad arguments: the CLI prints the message and the usage, and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A valid request that could not be carried out (e.g. an unknown key): exit 1. */
export class AdminFailure extends Error {
  override readonly name = 'AdminFailure';
}

export function requiredString(values: OptionValues, option: string, hint: string): string {
  const value = values[option];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${option} ${hint} is required`);
  return value;
}
