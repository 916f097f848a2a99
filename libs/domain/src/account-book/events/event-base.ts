import { IsoTime } from '../../shared/iso-time';

/**
 * Fields every account-book event has. `commandId` is the command that decided it (replay
 * remembers it, so the command is never decided twice); `at` is that command's time.
 * Events are plain JSON: decimals are strings, times ISO strings.
 */
export interface EventBase {
  readonly accountId: string;
  readonly commandId: string;
  readonly at: IsoTime;
}
