import { CodedError, Dec, DecimalString } from '@trading/domain';

/** How the simulated venue behaves. Frozen once resolved; see the README for each setting. */
export interface PaperExchangeConfig {
  /** Seed of the PRNG that decides simulated rejections: same seed, same rejections. */
  readonly seed: number;
  /** Probability in [0, 1] that a submitted order is rejected (`PAPER.SIMULATED_REJECT`). */
  readonly rejectRate: number;
  /** Delay between the venue deciding and the report reaching listeners. */
  readonly latencyMs: number;
  /** Name on every fill (`venue`) and prefix of every broker id. */
  readonly venue: string;
  /** Share in (0, 1] of a quote's displayed size our orders may take until the next quote. */
  readonly maxQuoteParticipation: DecimalString;
  /** UTC time of day (`HH:MM`) when DAY orders expire, or null: only `endOfDay()` expires them. */
  readonly sessionCloseUtc: string | null;
  /** How often working orders' symbols are re-read from the quotes port, or null: never. */
  readonly quotePollMs: number | null;
}

export class PaperExchangeConfigError extends CodedError {
  readonly code = 'PAPER.INVALID_CONFIG';
}

export const DEFAULT_PAPER_EXCHANGE_CONFIG: PaperExchangeConfig = Object.freeze({
  seed: 1,
  rejectRate: 0,
  latencyMs: 0,
  venue: 'PAPER',
  maxQuoteParticipation: '1',
  sessionCloseUtc: '20:00',
  quotePollMs: 250,
});

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const VENUE = /^[A-Z][A-Z0-9_]{0,15}$/;

export function resolvePaperExchangeConfig(input: Partial<PaperExchangeConfig> = {}): PaperExchangeConfig {
  const config = { ...DEFAULT_PAPER_EXCHANGE_CONFIG, ...input };
  const problems: string[] = [];
  if (!Number.isSafeInteger(config.seed)) problems.push('seed must be an integer');
  if (!(config.rejectRate >= 0 && config.rejectRate <= 1)) problems.push('rejectRate must be within [0, 1]');
  if (!(Number.isInteger(config.latencyMs) && config.latencyMs >= 0)) problems.push('latencyMs must be a whole number >= 0');
  if (!VENUE.test(config.venue)) problems.push('venue must be 1-16 of A-Z 0-9 _, starting with a letter');
  if (!isParticipation(config.maxQuoteParticipation)) problems.push('maxQuoteParticipation must be a decimal in (0, 1]');
  if (config.sessionCloseUtc !== null && !HH_MM.test(config.sessionCloseUtc)) problems.push('sessionCloseUtc must be HH:MM');
  if (config.quotePollMs !== null && !(Number.isInteger(config.quotePollMs) && config.quotePollMs > 0)) {
    problems.push('quotePollMs must be a whole number > 0 or null');
  }
  if (problems.length > 0) throw new PaperExchangeConfigError(`Invalid paper exchange configuration: ${problems.join('; ')}`, { problems });
  return Object.freeze(config);
}

function isParticipation(value: string): boolean {
  if (!/^\d+(\.\d+)?$/.test(value)) return false;
  const share = new Dec(value);
  return share.gt(0) && share.lte(1);
}
