export type DecodeFailureCode =
  | 'MESSAGING.EMPTY_MESSAGE'
  | 'MESSAGING.MALFORMED_JSON'
  | 'MESSAGING.INVALID_ENVELOPE'
  | 'MESSAGING.UNKNOWN_TYPE'
  | 'MESSAGING.UNSUPPORTED_SCHEMA_VERSION'
  | 'MESSAGING.UPCAST_FAILED'
  | 'MESSAGING.INVALID_PAYLOAD'
  /** Valid, but the program that read it refused it by throwing (a bug or an impossible input). */
  | 'MESSAGING.PROCESSING_FAILED';

/** Why a message read from Kafka could not be accepted; it travels to the dead-letter topic. */
export interface DecodeFailure {
  readonly code: DecodeFailureCode;
  readonly reason: string;
}
