import { IsoTime } from '@trading/domain';

const UTC_TIMESTAMP = /^(\d{4})(\d{2})(\d{2})-(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/** FIX UTCTimestamp (`20240501-13:30:00.123`) as ISO-8601 UTC, or null if it is not one. */
export function fixTimestampToIso(text: string | undefined): IsoTime | null {
  const m = text === undefined ? null : UTC_TIMESTAMP.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}.${(frac ?? '').padEnd(3, '0')}Z`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}
