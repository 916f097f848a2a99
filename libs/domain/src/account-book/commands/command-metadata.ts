import { IsoTime } from '../../shared/iso-time';

/**
 * Carried by every command. `at` is the time the decision is made for (rate windows, reference
 * price age, timestamps of the resulting events); it comes from the caller, never from a clock
 * inside the domain. `commandId` makes deciding idempotent: a command already decided is not
 * decided again.
 */
export interface CommandMetadata {
  readonly commandId: string;
  readonly correlationId: string;
  readonly at: IsoTime;
}

/** Commands that create an order carry the id the caller allocated for it. */
export interface NewOrderMetadata extends CommandMetadata {
  readonly orderId: string;
}
