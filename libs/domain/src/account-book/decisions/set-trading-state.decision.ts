import { TRADING_STATES, isTradingState } from '../../risk/trading-state';
import { refusal } from '../../shared/refusal';
import { AccountBookEvent } from '../account-book.events';
import { AccountBookState } from '../account-book.state';
import { SetTradingState } from '../commands/set-trading-state.command';
import { accountNotFound } from './account-refusals';
import { eventBase } from './event-base.factory';

export function decideSetTradingState(command: SetTradingState, state: AccountBookState): AccountBookEvent[] {
  const base = eventBase(command);
  if (state.status !== 'open') {
    return [{ type: 'CommandRejected', ...base, commandType: command.type, reason: accountNotFound(command.accountId) }];
  }
  if (!isTradingState(command.tradingState)) {
    const reason = refusal('ACCOUNT.INVALID_TRADING_STATE', `trading_state must be one of ${TRADING_STATES.join(', ')}`, {
      field: 'trading_state',
    });
    return [{ type: 'CommandRejected', ...base, commandType: command.type, reason }];
  }
  return [
    {
      type: 'TradingStateSet',
      ...base,
      tradingState: command.tradingState,
      previousTradingState: state.tradingState,
      reason: command.reason,
    },
  ];
}
