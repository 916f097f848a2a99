import { CodedError } from '@trading/domain';

/** A consistency token that is not one this API issued (not a positive whole number). */
export class MalformedConsistencyTokenError extends CodedError {
  readonly code = 'CONSISTENCY.MALFORMED_TOKEN';

  constructor(header: string) {
    super(`${header} must be the positive whole number a write answered with`, { field: header });
  }
}
