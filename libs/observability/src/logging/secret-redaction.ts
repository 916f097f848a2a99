export const REDACTED = '[REDACTED]';

/** Field names whose values are never written, at any depth (case and separators ignored). */
const SECRET_KEY = /^(apca-?api-?secret-?key|secret-?key|secret|client-?secret|password|passwd|pwd|authorization|proxy-?authorization|cookie|set-?cookie|api-?key|access-?token|refresh-?token|token|s3-?secret-?access-?key|secret-?access-?key|aws-?secret-?access-?key)$/i;

/** Secrets written inline in text: header lines, key=value, JSON pairs, URLs with credentials. */
const INLINE: readonly [RegExp, string][] = [
  [/(apca-api-secret-key|authorization|proxy-authorization|x-api-key|cookie)(["']?\s*[:=]\s*["']?)(?:(?:bearer|basic)\s+)?[^\s"',;}]+/gi, `$1$2${REDACTED}`],
  [/(["']?(?:secret_?key|secretKey|secret|password|passwd|token|secret_access_key|SECRET_ACCESS_KEY)["']?\s*[:=]\s*["']?)[^\s"',;}&]+/gi, `$1${REDACTED}`],
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:)[^@\s/]+(@)/gi, `$1${REDACTED}$2`],
];

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.replace(/_/g, '-'));
}

export function redactText(text: string): string {
  return INLINE.reduce((current, [pattern, replacement]) => current.replace(pattern, replacement), text);
}

/**
 * A copy of `value` safe to log: secret fields censored at any depth, secrets inside strings
 * censored, errors reduced to name, message and stack (redacted too). Cycles are cut.
 */
export function redactValue(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (value instanceof Error) {
    const extra = redactValue({ ...value }, seen) as Record<string, unknown>;
    return { ...extra, type: value.name, message: redactText(value.message), stack: value.stack ? redactText(value.stack) : undefined };
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, seen));
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Map) return redactValue(Object.fromEntries(value), seen);
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, isSecretKey(key) ? REDACTED : redactValue(item, seen)]),
  );
}
