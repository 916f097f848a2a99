import { Clock } from '@trading/domain';
import { DeadLetterPublisher } from '@trading/messaging';

/**
 * A rebuild meets the same unappliable records the live projector met and parked already: it
 * counts them instead of parking them a second time.
 */
export class SkippedDeadLetters extends DeadLetterPublisher {
  private skippedCount = 0;

  constructor(clock: Clock) {
    super('unused', clock);
  }

  get skipped(): number {
    return this.skippedCount;
  }

  override publish(): Promise<void> {
    this.skippedCount += 1;
    return Promise.resolve();
  }
}
