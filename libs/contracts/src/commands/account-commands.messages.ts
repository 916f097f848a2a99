import { defineMessage } from '@trading/messaging';
import { TRADING_STATES } from '@trading/domain';
import { z } from 'zod';

const limits = z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string()), z.null()]));

export const openAccountMessage = defineMessage({
  type: 'OpenAccount',
  schemaVersion: 1,
  payload: z.strictObject({ startingCash: z.string().max(64), limits: limits.optional() }),
});

export const setRiskLimitsMessage = defineMessage({
  type: 'SetRiskLimits',
  schemaVersion: 1,
  payload: z.strictObject({ limits }),
});

export const setTradingStateMessage = defineMessage({
  type: 'SetTradingState',
  schemaVersion: 1,
  payload: z.strictObject({ tradingState: z.enum(TRADING_STATES), reason: z.string().min(1).max(500) }),
});

/**
 * The global kill switch. It is sent to every partition of the commands topic (account `system`),
 * so every OMS partition records it in its own log and replays it.
 */
export const setGlobalTradingStateMessage = defineMessage({
  type: 'SetGlobalTradingState',
  schemaVersion: 1,
  payload: z.strictObject({ tradingState: z.enum(TRADING_STATES), reason: z.string().min(1).max(500) }),
});

export type OpenAccountPayload = z.infer<typeof openAccountMessage.payload>;
export type SetRiskLimitsPayload = z.infer<typeof setRiskLimitsMessage.payload>;
export type SetTradingStatePayload = z.infer<typeof setTradingStateMessage.payload>;
export type SetGlobalTradingStatePayload = z.infer<typeof setGlobalTradingStateMessage.payload>;
