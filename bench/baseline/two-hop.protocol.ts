/** What the requester and the responder of the two-hop baseline agree on. */
export const CORRELATION_HEADER = 'correlation-id';

/** The responder prints this line on stdout once its consumer has joined the group. */
export const RESPONDER_READY = 'two-hop responder ready';

export interface TwoHopTopics {
  readonly requests: string;
  readonly replies: string;
}

export function twoHopTopics(prefix: string): TwoHopTopics {
  return { requests: `${prefix}bench.two-hop.requests`, replies: `${prefix}bench.two-hop.replies` };
}
