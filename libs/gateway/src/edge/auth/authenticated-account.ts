/** Where `ApiKeyGuard` leaves the account on the request; a symbol, so no header or body can set it. */
const ACCOUNT_ID = Symbol('gateway.accountId');

type WithAccount = { [ACCOUNT_ID]?: string };

export function setAuthenticatedAccountId(request: object, accountId: string): void {
  (request as WithAccount)[ACCOUNT_ID] = accountId;
}

/** The authenticated account; throws (a bug: a route without `ApiKeyGuard`) when there is none. */
export function authenticatedAccountId(request: object): string {
  const accountId = (request as WithAccount)[ACCOUNT_ID];
  if (accountId === undefined) throw new Error('no authenticated account on the request: is ApiKeyGuard applied to this route?');
  return accountId;
}
