import { CodedError } from '@trading/domain';

export interface ConfigProblem {
  readonly variable: string;
  readonly reason: string;
}

export class InvalidConfigError extends CodedError {
  readonly code = 'CONFIG.INVALID';

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.reason}`).join('\n')}`,
      { problems },
    );
  }
}
