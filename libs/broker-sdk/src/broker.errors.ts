/** The request was certainly not delivered to the broker (not connected, refused locally). */
export class BrokerUnavailableError extends Error {
  readonly code = 'BROKER.UNAVAILABLE';
  constructor(
    readonly broker: string,
    reason: string,
  ) {
    super(`Broker ${broker} is unavailable: ${reason}`);
    this.name = 'BrokerUnavailableError';
  }
}

/** The broker does not support the request (e.g. an order type), known before sending. */
export class BrokerUnsupportedError extends Error {
  readonly code = 'BROKER.UNSUPPORTED';
  constructor(
    readonly broker: string,
    what: string,
  ) {
    super(`Broker ${broker} does not support ${what}`);
    this.name = 'BrokerUnsupportedError';
  }
}
