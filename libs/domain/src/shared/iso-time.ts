/** An instant as an ISO-8601 UTC string (`2024-05-01T13:30:00.000Z`): how times travel in events. */
export type IsoTime = string;

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

export function isIsoTime(value: unknown): value is IsoTime {
  return typeof value === 'string' && ISO_UTC.test(value) && !Number.isNaN(Date.parse(value));
}

/** Milliseconds since the epoch of a time the domain was given (parsing, not reading a clock). */
export function epochMs(time: IsoTime): number {
  return Date.parse(time);
}
