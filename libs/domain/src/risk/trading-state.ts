/**
 * The kill switch, per account and globally. ACTIVE: trade normally. REDUCING: only orders that
 * bring a position closer to zero. HALTED: no new orders or replaces. Cancels always pass.
 */
export const TRADING_STATES = ['ACTIVE', 'REDUCING', 'HALTED'] as const;
export type TradingState = (typeof TRADING_STATES)[number];

export function isTradingState(value: unknown): value is TradingState {
  return typeof value === 'string' && (TRADING_STATES as readonly string[]).includes(value);
}

const SEVERITY: Readonly<Record<TradingState, number>> = { ACTIVE: 0, REDUCING: 1, HALTED: 2 };

/** The account state and the global state combine to the stricter of the two. */
export function stricterTradingState(a: TradingState, b: TradingState): TradingState {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}
