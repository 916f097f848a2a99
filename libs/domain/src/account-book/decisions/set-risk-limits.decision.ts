import { updateRiskLimits } from '../../risk/risk-limits-update';
import { AccountBookEvent } from '../account-book.events';
import { AccountBookState } from '../account-book.state';
import { SetRiskLimits } from '../commands/set-risk-limits.command';
import { accountNotFound, combine } from './account-refusals';
import { eventBase } from './event-base.factory';

export function decideSetRiskLimits(command: SetRiskLimits, state: AccountBookState): AccountBookEvent[] {
  const base = eventBase(command);
  if (state.status !== 'open') {
    return [{ type: 'CommandRejected', ...base, commandType: command.type, reason: accountNotFound(command.accountId) }];
  }
  const updated = updateRiskLimits(state.limits, command.limits);
  if (!updated.ok) {
    return [{ type: 'CommandRejected', ...base, commandType: command.type, reason: combine(updated.refusals) }];
  }
  return [
    {
      type: 'RiskLimitsSet',
      ...base,
      limits: updated.value.limits,
      changes: updated.value.changes,
      limitSetVersion: state.limitSetVersion + 1,
    },
  ];
}
