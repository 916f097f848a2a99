import { CodedError } from '@trading/domain';
import { z } from 'zod';
import { FixBrokerOptions } from './fix-broker.config';

export class FixBrokerSettingsError extends CodedError {
  readonly code = 'BROKER_FIX.INVALID_SETTINGS';
}

const COMP_ID = /^[\x21-\x7e]{1,64}$/;
const positiveInt = z.coerce.number().int().min(1);

const settingsSchema = z.object({
  FIX_HOST: z.string().trim().min(1),
  FIX_PORT: positiveInt.max(65_535),
  FIX_SENDER_COMP_ID: z.string().regex(COMP_ID),
  FIX_TARGET_COMP_ID: z.string().regex(COMP_ID),
  FIX_STORE_DIR: z.string().trim().min(1),
  FIX_ADAPTER_NAME: z.string().regex(/^[a-z0-9-]{1,32}$/).optional(),
  FIX_HEARTBEAT_SECONDS: positiveInt.max(3600).optional(),
  FIX_VENUE: z.string().trim().min(1).optional(),
  FIX_LOGON_TIMEOUT_MS: positiveInt.max(300_000).optional(),
  FIX_LOGOUT_TIMEOUT_MS: positiveInt.max(300_000).optional(),
  FIX_RESEND_ORDERS: z.enum(['true', 'false']).optional(),
});

/** Every variable the FIX adapter reads; setting any of them asks for the adapter. */
export const FIX_SETTINGS_VARIABLES = Object.keys(settingsSchema.shape) as readonly (keyof typeof settingsSchema.shape)[];

/**
 * The FIX adapter's options from `FIX_*` variables, or null when none is set (no FIX adapter).
 * Once one is set, the required ones must be too; a bad or missing one throws
 * `BROKER_FIX.INVALID_SETTINGS` naming every such variable (values are not echoed).
 */
export function loadFixBrokerSettings(env: Readonly<Record<string, string | undefined>>): FixBrokerOptions | null {
  const given = Object.fromEntries(FIX_SETTINGS_VARIABLES.flatMap((key) => (env[key] === undefined || env[key] === '' ? [] : [[key, env[key]]])));
  if (Object.keys(given).length === 0) return null;
  const parsed = settingsSchema.safeParse(given);
  if (!parsed.success) {
    const variables = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
    throw new FixBrokerSettingsError(`Invalid FIX adapter settings: ${variables.join(', ')}`, { variables });
  }
  const s = parsed.data;
  return {
    host: s.FIX_HOST,
    port: s.FIX_PORT,
    senderCompId: s.FIX_SENDER_COMP_ID,
    targetCompId: s.FIX_TARGET_COMP_ID,
    storeDirectory: s.FIX_STORE_DIR,
    ...(s.FIX_ADAPTER_NAME === undefined ? {} : { name: s.FIX_ADAPTER_NAME }),
    ...(s.FIX_HEARTBEAT_SECONDS === undefined ? {} : { heartbeatSeconds: s.FIX_HEARTBEAT_SECONDS }),
    ...(s.FIX_VENUE === undefined ? {} : { venue: s.FIX_VENUE }),
    ...(s.FIX_LOGON_TIMEOUT_MS === undefined ? {} : { logonTimeoutMs: s.FIX_LOGON_TIMEOUT_MS }),
    ...(s.FIX_LOGOUT_TIMEOUT_MS === undefined ? {} : { logoutTimeoutMs: s.FIX_LOGOUT_TIMEOUT_MS }),
    ...(s.FIX_RESEND_ORDERS === undefined ? {} : { resendOrders: s.FIX_RESEND_ORDERS === 'true' }),
  };
}
