import { AppConfig } from '@trading/config';
import { PaperExchangeConfig } from './paper-exchange.config';

/** The paper venue's settings from the service configuration (`PAPER_*`). */
export function paperExchangeConfig(config: AppConfig): Partial<PaperExchangeConfig> {
  return {
    seed: config.PAPER_SEED,
    rejectRate: config.PAPER_REJECT_RATE,
    latencyMs: config.PAPER_LATENCY_MS,
    sessionCloseUtc: config.PAPER_SESSION_CLOSE_UTC ?? null,
  };
}
