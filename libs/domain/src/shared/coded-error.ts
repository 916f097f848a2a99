/**
 * Base of every error the system raises on purpose. The code is namespaced (`AREA.REASON`, e.g.
 * `RISK.MAX_NOTIONAL`) and stable: clients and tests match on it, never on the message. Transports
 * (HTTP, Kafka) choose how to present it; the error itself knows nothing of them.
 */
export abstract class CodedError extends Error {
  abstract readonly code: string;

  constructor(
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }

  toJSON(): { code: string; message: string; details: Readonly<Record<string, unknown>> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}
