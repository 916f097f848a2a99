import { CodedError } from '@trading/domain';
import { z } from 'zod';

export class TradeUpdatesSettingsError extends CodedError {
  readonly code = 'TRADE_UPDATES.INVALID_SETTINGS';
}

/** How the trade-updates stream behaves; frozen once resolved. */
export interface TradeUpdatesSettings {
  /** Interval of the `: heartbeat` comment on every connection. */
  readonly heartbeatMs: number;
  /** Bytes a client may leave unread before it is disconnected (it resumes with Last-Event-ID). */
  readonly maxBufferedBytes: number;
  /** Updates kept per account for resuming (about: trimmed with `MAXLEN ~`). */
  readonly retention: number;
  readonly backlogPageSize: number;
}

export const DEFAULT_TRADE_UPDATES_SETTINGS: TradeUpdatesSettings = Object.freeze({
  heartbeatMs: 15_000,
  maxBufferedBytes: 1024 * 1024,
  retention: 1_000,
  backlogPageSize: 500,
});

const positiveInt = z.coerce.number().int().min(1);

const schema = z.object({
  TRADE_UPDATES_HEARTBEAT_MS: positiveInt.min(100).max(3_600_000).optional(),
  TRADE_UPDATES_MAX_BUFFERED_BYTES: positiveInt.min(1024).max(1024 * 1024 * 1024).optional(),
  TRADE_UPDATES_RETENTION: positiveInt.min(10).max(10_000_000).optional(),
});

/** Reads the `TRADE_UPDATES_*` variables over the defaults; a bad one throws naming it. */
export function loadTradeUpdatesSettings(env: Readonly<Record<string, string | undefined>>): TradeUpdatesSettings {
  const known = Object.fromEntries(Object.keys(schema.shape).flatMap((key) => (env[key] ? [[key, env[key]]] : [])));
  const parsed = schema.safeParse(known);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
    throw new TradeUpdatesSettingsError(`Invalid trade-updates settings: ${names.join(', ')}`, { variables: names });
  }
  const s = parsed.data;
  return Object.freeze({
    ...DEFAULT_TRADE_UPDATES_SETTINGS,
    ...(s.TRADE_UPDATES_HEARTBEAT_MS ? { heartbeatMs: s.TRADE_UPDATES_HEARTBEAT_MS } : {}),
    ...(s.TRADE_UPDATES_MAX_BUFFERED_BYTES ? { maxBufferedBytes: s.TRADE_UPDATES_MAX_BUFFERED_BYTES } : {}),
    ...(s.TRADE_UPDATES_RETENTION ? { retention: s.TRADE_UPDATES_RETENTION } : {}),
  });
}
