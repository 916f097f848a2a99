import { IsoTime } from '@trading/domain';

const DAY_MS = 86_400_000;

/** The first `HH:MM` UTC strictly after `at` (every day counts: no weekends or holidays). */
export function nextSessionClose(at: IsoTime, closeUtc: string): IsoTime {
  const [hours = 0, minutes = 0] = closeUtc.split(':').map(Number);
  const instant = Date.parse(at);
  const day = new Date(instant);
  const close = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hours, minutes);
  return new Date(close > instant ? close : close + DAY_MS).toISOString();
}
