/** How the FIX adapter reaches its counterparty. Frozen once built; see README.md for each field. */
export interface FixBrokerConfig {
  /** Adapter name on events and in configuration. */
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /** Our CompID (tag 49 on what we send). */
  readonly senderCompId: string;
  /** The counterparty's CompID (tag 56 on what we send). */
  readonly targetCompId: string;
  readonly heartbeatSeconds: number;
  /** Where the FIX message store (sequence numbers, sent messages for resends) lives. */
  readonly storeDirectory: string;
  /** Venue name on fills whose ExecutionReport carries no LastMkt (30). */
  readonly venue: string;
  /** How long `connect` waits for the Logon answer before it gives up. */
  readonly logonTimeoutMs: number;
  /** How long `disconnect` waits for the Logout answer before it drops the connection. */
  readonly logoutTimeoutMs: number;
  /**
   * Resend our orders when the counterparty asks for them after a reconnect (PossDupFlag=Y).
   * Off by default: a stale order is gap-filled, never sent late; find its fate with `lookup`.
   */
  readonly resendOrders: boolean;
}

export type FixBrokerOptions = Pick<FixBrokerConfig, 'host' | 'port' | 'senderCompId' | 'targetCompId' | 'storeDirectory'> &
  Partial<FixBrokerConfig>;

export const FIX_BROKER_DEFAULTS = {
  name: 'fix',
  heartbeatSeconds: 30,
  venue: 'FIX',
  logonTimeoutMs: 10_000,
  logoutTimeoutMs: 2_000,
  resendOrders: false,
} as const satisfies Partial<FixBrokerConfig>;

export class FixBrokerConfigError extends Error {
  readonly code = 'BROKER_FIX.INVALID_CONFIG';
  constructor(problems: readonly string[]) {
    super(`Invalid FIX broker configuration: ${problems.join('; ')}`);
    this.name = 'FixBrokerConfigError';
  }
}

const COMP_ID = /^[\x21-\x7e]{1,64}$/;

/** Defaults filled in, every field checked, the result frozen. */
export function fixBrokerConfig(options: FixBrokerOptions): FixBrokerConfig {
  const config: FixBrokerConfig = { ...FIX_BROKER_DEFAULTS, ...options };
  const problems: string[] = [];
  if (config.host.trim() === '') problems.push('host is empty');
  if (!Number.isInteger(config.port) || config.port < 1 || config.port > 65_535) problems.push('port must be 1-65535');
  if (!COMP_ID.test(config.senderCompId)) problems.push('senderCompId must be 1-64 printable characters');
  if (!COMP_ID.test(config.targetCompId)) problems.push('targetCompId must be 1-64 printable characters');
  if (!Number.isInteger(config.heartbeatSeconds) || config.heartbeatSeconds < 1) problems.push('heartbeatSeconds must be a positive integer');
  if (config.storeDirectory.trim() === '') problems.push('storeDirectory is empty');
  if (config.venue.trim() === '') problems.push('venue is empty');
  if (!(config.logonTimeoutMs > 0)) problems.push('logonTimeoutMs must be positive');
  if (!(config.logoutTimeoutMs > 0)) problems.push('logoutTimeoutMs must be positive');
  if (problems.length > 0) throw new FixBrokerConfigError(problems);
  return Object.freeze(config);
}
