import { Refusal, refusal } from '../../shared/refusal';

export const accountNotFound = (accountId: string): Refusal =>
  refusal('ACCOUNT.NOT_FOUND', `Account ${accountId} is not open`, { details: { accountId } });

export const orderNotFound = (orderId: string): Refusal =>
  refusal('ORDER.NOT_FOUND', `Order ${orderId} does not exist in this account`, { details: { orderId } });

/** The first refusal leads; when there are several, all of them travel in its details. */
export function combine(refusals: readonly [Refusal, ...Refusal[]]): Refusal {
  const [first] = refusals;
  if (refusals.length === 1) return first;
  const issues = refusals.map(({ code, field, message }) => ({ code, field, message }));
  return { ...first, details: { ...first.details, issues } };
}
