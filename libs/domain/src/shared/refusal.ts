import { JsonObject } from './json';
import { RefusalCode } from './refusal-codes';

/**
 * Why something was refused, as plain data: it is stored in rejection events and shown to the
 * client. `field` names the offending request field in the Alpaca wire spelling (`limit_price`);
 * `ruleId` names the risk rule; `details` holds the numbers the decision used.
 */
export interface Refusal {
  readonly code: RefusalCode;
  readonly message: string;
  readonly field: string | null;
  readonly ruleId: string | null;
  readonly details: JsonObject;
}

export function refusal(
  code: RefusalCode,
  message: string,
  extra: { field?: string; ruleId?: string; details?: JsonObject } = {},
): Refusal {
  return {
    code,
    message,
    field: extra.field ?? null,
    ruleId: extra.ruleId ?? null,
    details: extra.details ?? {},
  };
}

/** The outcome of a pure check: a value, or the reasons it could not be produced. */
export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly refusals: readonly [Refusal, ...Refusal[]] };

export const accept = <T>(value: T): Checked<T> => ({ ok: true, value });
export const refuse = <T = never>(first: Refusal, ...rest: Refusal[]): Checked<T> => ({
  ok: false,
  refusals: [first, ...rest],
});
