import { MalformedConsistencyTokenError } from './consistency.errors';

/**
 * Read-your-writes over REST. Every accepted write answers with `X-Consistency-Token: <seq>`, the
 * position in the account's event stream of the OMS decision it waited for. A read presenting it
 * waits (bounded) until the read models it uses have applied that seq; when the wait runs out it
 * answers anyway, with `X-Consistency-Stale: true`.
 */
export const CONSISTENCY_TOKEN_HEADER = 'X-Consistency-Token';
export const CONSISTENCY_STALE_HEADER = 'X-Consistency-Stale';

const TOKEN = /^[1-9]\d{0,14}$/;

/** The seq a request's token names; null without a token. */
export function parseConsistencyToken(value: string | readonly string[] | undefined): number | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || !TOKEN.test(value.trim())) throw new MalformedConsistencyTokenError(CONSISTENCY_TOKEN_HEADER);
  return Number(value.trim());
}

export function formatConsistencyToken(seq: number): string {
  return String(seq);
}
