import { RiskLimitsPatch } from '../../risk/risk-limits';
import { CommandMetadata } from './command-metadata';

/** Changes some limits; the others keep their values. Every change makes a new limit-set version. */
export interface SetRiskLimits {
  readonly type: 'SetRiskLimits';
  readonly accountId: string;
  readonly limits: RiskLimitsPatch;
  readonly metadata: CommandMetadata;
}
