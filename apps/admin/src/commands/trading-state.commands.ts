import { isTradingState, TRADING_STATES } from '@trading/domain';
import { AdminCommand, OptionValues, requiredString, UsageError } from './admin-command';

function stateAndReason(values: OptionValues): { tradingState: string; reason: string } {
  const tradingState = requiredString(values, 'state', `<${TRADING_STATES.join('|')}>`);
  if (!isTradingState(tradingState)) throw new UsageError(`--state must be one of ${TRADING_STATES.join(', ')}`);
  const reason = requiredString(values, 'reason', '<text>');
  if (reason.length > 500) throw new UsageError('--reason is at most 500 characters');
  return { tradingState, reason };
}

export const tradingSetCommand: AdminCommand = {
  name: 'trading:set',
  synopsis: '--account <id> --state <ACTIVE|REDUCING|HALTED> --reason <text>',
  description: "an account's kill switch: REDUCING lets only exposure-reducing orders through, HALTED none (cancels always pass)",
  options: { account: { type: 'string' }, state: { type: 'string' }, reason: { type: 'string' } },
  prepare(values) {
    const accountId = requiredString(values, 'account', '<id>');
    const payload = stateAndReason(values);
    return async ({ commandSide }) => {
      const commandId = await commandSide.send(accountId, 'SetTradingState', payload);
      return { json: { accountId, commandId, ...payload }, text: `${payload.tradingState} sent for account ${accountId} (command ${commandId})` };
    };
  },
};

export const tradingSetGlobalCommand: AdminCommand = {
  name: 'trading:set-global',
  synopsis: '--state <ACTIVE|REDUCING|HALTED> --reason <text>',
  description: 'the global kill switch, recorded by every OMS partition',
  options: { state: { type: 'string' }, reason: { type: 'string' } },
  prepare(values) {
    const payload = stateAndReason(values);
    return async ({ commandSide }) => {
      const commandIds = await commandSide.broadcast('SetGlobalTradingState', payload);
      return { json: { commandIds, ...payload }, text: `global ${payload.tradingState} sent to ${commandIds.length} partitions` };
    };
  },
};
