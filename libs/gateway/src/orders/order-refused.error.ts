import { CodedError, Refusal } from '@trading/domain';

/** A refusal from validation or from the OMS, carried to the edge, which picks the HTTP status. */
export class OrderRefusedError extends CodedError {
  readonly code: string;

  constructor(refusal: Pick<Refusal, 'code' | 'message'> & Partial<Pick<Refusal, 'field' | 'ruleId' | 'details'>>) {
    super(refusal.message, {
      ...(refusal.field ? { field: refusal.field } : {}),
      ...(refusal.ruleId ? { rule: refusal.ruleId } : {}),
      ...(refusal.details ?? {}),
    });
    this.code = refusal.code;
  }
}

export class OrderNotFoundError extends CodedError {
  readonly code = 'ORDER.NOT_FOUND';

  constructor(what: string) {
    super(`order not found for ${what}`);
  }
}

export class MalformedRequestError extends CodedError {
  readonly code = 'ORDER.MALFORMED_REQUEST';
}
