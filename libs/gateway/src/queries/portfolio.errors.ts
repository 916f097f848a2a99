import { CodedError } from '@trading/domain';

export class PositionNotFoundError extends CodedError {
  readonly code = 'POSITION.NOT_FOUND';

  constructor(symbolOrAssetId: string) {
    super(`position does not exist: ${symbolOrAssetId}`);
  }
}

/** The positions read model has not seen the account open yet (it follows the log). */
export class AccountNotFoundError extends CodedError {
  readonly code = 'ACCOUNT.NOT_FOUND';

  constructor() {
    super('account not found in the read model yet; retry shortly');
  }
}
