/** What we sent under one of our sequence numbers, to attribute a Reject that cites it (RefSeqNum). */
export interface SentRequest {
  readonly kind: 'submit' | 'cancel' | 'replace';
  /** Our order the request is about (for a replace: the order being replaced). */
  readonly clientOrderId: string;
}
