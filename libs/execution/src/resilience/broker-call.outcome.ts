/** Codes of a broker call that did not plainly succeed. */
export type BrokerRefusalCode = 'BROKER.UNAVAILABLE' | 'BROKER.RATE_LIMITED' | 'BROKER.UNSUPPORTED';
export type BrokerUnknownCode = 'BROKER.TIMEOUT' | 'BROKER.OUTCOME_UNKNOWN';

/**
 * How a call to a broker ended. `refused`: it certainly did not reach the broker, safe to record
 * as not sent. `unknown`: it may have; only a lookup may settle it, never a second send.
 */
export type BrokerCallOutcome<T> =
  | { readonly kind: 'done'; readonly value: T }
  | { readonly kind: 'refused'; readonly code: BrokerRefusalCode; readonly reason: string }
  | { readonly kind: 'unknown'; readonly code: BrokerUnknownCode; readonly reason: string };
