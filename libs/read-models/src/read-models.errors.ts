import { CodedError } from '@trading/domain';

/** An event a projection cannot apply (malformed, or impossible after what it already applied). */
export class UnappliableEventError extends CodedError {
  readonly code = 'READ_MODEL.UNAPPLIABLE_EVENT';
}
