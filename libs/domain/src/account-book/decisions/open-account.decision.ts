import { formatMoney, parseDecimal } from '../../decimal';
import { DEFAULT_RISK_LIMITS } from '../../risk/risk-limits';
import { updateRiskLimits } from '../../risk/risk-limits-update';
import { refusal } from '../../shared/refusal';
import { AccountBookEvent } from '../account-book.events';
import { AccountBookState } from '../account-book.state';
import { OpenAccount } from '../commands/open-account.command';
import { combine } from './account-refusals';
import { eventBase } from './event-base.factory';

const CASH_BOUNDS = { maxDecimals: 2, sign: 'non-negative', max: '1000000000000' } as const;

export function decideOpenAccount(command: OpenAccount, state: AccountBookState): AccountBookEvent[] {
  const base = eventBase(command);
  const reject = (reason: ReturnType<typeof refusal>): AccountBookEvent[] => [
    { type: 'CommandRejected', ...base, commandType: command.type, reason },
  ];
  if (state.status === 'open') {
    return reject(refusal('ACCOUNT.ALREADY_OPEN', `Account ${command.accountId} is already open`));
  }
  const cash = parseDecimal(command.startingCash, CASH_BOUNDS);
  if (!cash.ok) {
    return reject(refusal('ACCOUNT.INVALID_CASH', `cash ${cash.problem}`, { field: 'cash' }));
  }
  let limits = DEFAULT_RISK_LIMITS;
  if (command.limits && Object.keys(command.limits).length > 0) {
    const updated = updateRiskLimits(DEFAULT_RISK_LIMITS, command.limits);
    if (!updated.ok) return reject(combine(updated.refusals));
    limits = updated.value.limits;
  }
  return [
    { type: 'AccountOpened', ...base, cash: formatMoney(cash.value), limits, limitSetVersion: 1, tradingState: 'ACTIVE' },
  ];
}
