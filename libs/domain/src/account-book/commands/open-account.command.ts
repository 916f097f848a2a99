import { DecimalString } from '../../decimal';
import { RiskLimitsPatch } from '../../risk/risk-limits';
import { CommandMetadata } from './command-metadata';

/** Opens the account with its starting cash; limits not given take their documented defaults. */
export interface OpenAccount {
  readonly type: 'OpenAccount';
  readonly accountId: string;
  readonly startingCash: DecimalString;
  readonly limits?: RiskLimitsPatch;
  readonly metadata: CommandMetadata;
}
